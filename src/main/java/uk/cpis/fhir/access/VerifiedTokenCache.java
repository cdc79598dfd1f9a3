package uk.cpis.fhir.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A token decoder that checks each distinct token's signature once: a clinician's system sends the same token
 * with every lookup until it expires, and the signature check (ES256/RS256) was a sixth of a lookup's time.
 *
 * <p>Only the signature check is remembered, by the exact token text, for a short while ({@code remember}, so a key
 * withdrawn from the identity provider's key set stops being trusted soon after). The claims — expiry, not-before,
 * lifetime, issuer, audience — are checked on every request by the same validators as before.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder signatureChecker;
    private final OAuth2TokenValidator<Jwt> claimsValidator;
    private final Cache<String, Jwt> verified;

    /**
     * @param signatureChecker Spring's decoder, checking the signature only (its own validator accepts all claims)
     * @param claimsValidator the claims checks, run on every decode
     */
    VerifiedTokenCache(JwtDecoder signatureChecker, OAuth2TokenValidator<Jwt> claimsValidator, Duration remember,
            long maximumTokens) {
        this.signatureChecker = signatureChecker;
        this.claimsValidator = claimsValidator;
        this.verified = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(maximumTokens).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = signatureChecker.decode(token);
        }
        OAuth2TokenValidatorResult result = claimsValidator.validate(jwt);
        if (result.hasErrors()) {
            verified.invalidate(token);
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description,
                    result.getErrors());
        }
        verified.put(token, jwt);
        return jwt;
    }
}
