package uk.cpis.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** A token's lifetime: exp required, at most the maximum, iat not in the future. */
class TokenLifetimeValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final TokenLifetimeValidator validator =
            new TokenLifetimeValidator(Duration.ofHours(1), Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Jwt token(Instant issued, Instant expires) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "ES256").subject("u");
        if (issued != null) {
            builder.issuedAt(issued);
        }
        if (expires != null) {
            builder.expiresAt(expires);
        }
        return builder.build();
    }

    @Test
    void acceptsATokenOfAnHour() {
        assertThat(validator.validate(token(NOW.minusSeconds(600), NOW.plusSeconds(3000))).hasErrors()).isFalse();
    }

    @Test
    void refusesATokenWithoutExpiry() {
        assertThat(validator.validate(token(NOW, null)).hasErrors()).isTrue();
    }

    @Test
    void refusesATokenLivingLongerThanTheMaximum() {
        assertThat(validator.validate(token(NOW, NOW.plus(Duration.ofHours(2)))).hasErrors()).isTrue();
        assertThat(validator.validate(token(null, NOW.plus(Duration.ofHours(2)))).hasErrors()).isTrue();
    }

    @Test
    void refusesATokenIssuedInTheFuture() {
        assertThat(validator.validate(token(NOW.plusSeconds(600), NOW.plusSeconds(1200))).hasErrors()).isTrue();
    }
}
