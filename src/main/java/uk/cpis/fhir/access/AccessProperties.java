package uk.cpis.fhir.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are checked, bound from {@code cpis.access.*}.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the token's {@code aud} must contain
 * @param jwksUrl where to fetch the issuer's signing keys (JWKS); takes precedence over {@code publicKeyFile}
 * @param publicKeyFile a PEM public key (RSA or EC) to check signatures with, when there is no JWKS
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param production true in production profiles: the development key is then refused unless allowed below
 * @param allowDevelopmentKey let a production profile start with the development key (logged loudly)
 * @param foundPatientWindow how long after finding a child by NHS number a clinician may read its records by id,
 *     page through them or fetch them in a bundle (a shift, by default)
 * @param maxTokenLifetime the longest a token may live ({@code exp} minus {@code iat}, or minus now without
 *     {@code iat}); a token without {@code exp} is refused
 * @param verifiedTokenMemory how long a token's checked signature is remembered (its claims are checked on every
 *     request); a signing key withdrawn from the key set is still honoured this long for tokens already seen
 * @param tokenEndpoint the identity provider's OAuth 2.0 token endpoint, where a system gets its tokens (client
 *     credentials); advertised in the CapabilityStatement and the SMART configuration; blank: none to advertise
 *     (the development key's tokens come from the jar's {@code token} command)
 */
@ConfigurationProperties("cpis.access")
public record AccessProperties(
        @DefaultValue("https://cpis.local/development") String issuer,
        @DefaultValue("cpis-fhir-server") String audience,
        @DefaultValue("") String jwksUrl,
        @DefaultValue("") String publicKeyFile,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("false") boolean production,
        @DefaultValue("false") boolean allowDevelopmentKey,
        @DefaultValue("12h") Duration foundPatientWindow,
        @DefaultValue("1h") Duration maxTokenLifetime,
        @DefaultValue("5m") Duration verifiedTokenMemory,
        @DefaultValue("") String tokenEndpoint) {

    boolean usesDevelopmentKey() {
        return jwksUrl.isBlank() && publicKeyFile.isBlank();
    }
}
