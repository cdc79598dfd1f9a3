package uk.cpis.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** A token's signature is checked once; its claims on every decode. */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final ECKey key = generate();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final VerifiedTokenCache decoder = decoderTrusting(key);

    private VerifiedTokenCache decoderTrusting(ECKey trusted) {
        NimbusJwtDecoder nimbus = JwtDecoderConfig.ecDecoder(trusted.toPublicJWK());
        nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        });
        return new VerifiedTokenCache(counting, timestamps, Duration.ofMinutes(5), 100);
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(ECKey signer, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256),
                new JWTClaimsSet.Builder().subject("clinician-1").issueTime(Date.from(NOW))
                        .expirationTime(Date.from(expires)).build());
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }

    @Test
    void checksTheSignatureOfARepeatedTokenOnce() throws Exception {
        String token = signed(key, NOW.plusSeconds(600));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("clinician-1");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("clinician-1");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("clinician-1");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() throws Exception {
        String token = signed(key, NOW.plusSeconds(600));
        decoder.decode(token);

        now.set(NOW.plusSeconds(601));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void refusesATokenSignedByAnotherKeyEveryTime() throws Exception {
        String forged = signed(generate(), NOW.plusSeconds(600));

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void checksAnAlteredTokenAfresh() throws Exception {
        String token = signed(key, NOW.plusSeconds(600));
        decoder.decode(token);
        String[] parts = token.split("\\.");
        String otherClaims = signed(key, NOW.plusSeconds(900)).split("\\.")[1];

        assertThatThrownBy(() -> decoder.decode(parts[0] + "." + otherClaims + "." + parts[2]))
                .isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }
}
