package uk.cpis.fhir.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Guards against tokens that live too long: {@code exp} is required (Spring's timestamp check lets a token
 * without one live for ever), the lifetime ({@code exp} minus {@code iat}, or minus now when there is no
 * {@code iat}) is at most the configured maximum, and {@code iat} is not in the future.
 */
final class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    TokenLifetimeValidator(Duration maxLifetime, Duration clockSkew, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant now = clock.instant();
        Instant expires = token.getExpiresAt();
        Instant issued = token.getIssuedAt();
        if (expires == null) {
            return refused("The token has no expiry (exp)");
        }
        if (issued != null && issued.isAfter(now.plus(clockSkew))) {
            return refused("The token was issued in the future (iat)");
        }
        Instant from = issued != null ? issued : now;
        if (Duration.between(from, expires).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            return refused("The token lives longer than the server allows (" + maxLifetime + ")");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refused(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
