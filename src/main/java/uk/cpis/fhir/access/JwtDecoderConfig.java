package uk.cpis.fhir.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import uk.cpis.fhir.server.FhirServerProperties;

/**
 * The token decoder: Nimbus, through Spring Security, checking the signature against the configured JWKS URL,
 * the configured public key file, or else the development key; then {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf}, and a bounded lifetime ({@link TokenLifetimeValidator}), the claims on every request and the
 * signature once per token ({@link VerifiedTokenCache}). Only asymmetric algorithms are accepted (RS256, ES256), so {@code alg: none} and HMAC tokens
 * signed with a public key are refused.
 */
@Configuration(proxyBeanMethods = false)
public class JwtDecoderConfig {

    private static final Logger LOG = LoggerFactory.getLogger(JwtDecoderConfig.class);
    /** Enough for every clinician and LA system in use at once; a token not kept is simply checked again. */
    private static final long VERIFIED_TOKENS_KEPT = 50_000;

    @Bean
    JwtDecoder jwtDecoder(AccessProperties access, FhirServerProperties server, java.time.Clock clock) {
        NimbusJwtDecoder decoder;
        if (!access.jwksUrl().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(access.jwksUrl())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256)))
                    .build();
        } else if (!access.publicKeyFile().isBlank()) {
            decoder = decoderFor(readPublicKey(Path.of(access.publicKeyFile())));
        } else {
            refuseDevelopmentKeyInProduction(access);
            decoder = ecDecoder(DevelopmentSigningKey.loadOrCreate(server.dataDirectory()).toPublicJWK());
        }
        OAuth2TokenValidator<Jwt> audience =
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(access.audience()));
        // The decoder checks the signature; the claims are checked on every request by the cache in front of it.
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtTimestampValidator timestamps = new JwtTimestampValidator(access.clockSkew());
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(
                timestamps, new TokenLifetimeValidator(access.maxTokenLifetime(), access.clockSkew(), clock),
                new JwtIssuerValidator(access.issuer()), audience);
        return new VerifiedTokenCache(decoder, claims, access.verifiedTokenMemory(), VERIFIED_TOKENS_KEPT);
    }

    private static void refuseDevelopmentKeyInProduction(AccessProperties access) {
        if (!access.production()) {
            return;
        }
        if (!access.allowDevelopmentKey()) {
            throw new IllegalStateException("Refusing to start: production profile with the development signing key."
                    + " Set cpis.access.jwks-url or cpis.access.public-key-file, or (never in real use)"
                    + " cpis.access.allow-development-key=true.");
        }
        LOG.warn("*** INSECURE: production profile trusting the DEVELOPMENT signing key from the data directory."
                + " Anyone with that file can mint tokens. Configure cpis.access.jwks-url. ***");
    }

    private static NimbusJwtDecoder decoderFor(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return NimbusJwtDecoder.withPublicKey(rsa).signatureAlgorithm(SignatureAlgorithm.RS256).build();
        }
        if (key instanceof ECPublicKey ec) {
            return ecDecoder(new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build());
        }
        throw new IllegalStateException("Unsupported public key type " + key.getAlgorithm());
    }

    /** Spring's builder takes RSA keys only; for EC the Nimbus processor is configured directly. */
    static NimbusJwtDecoder ecDecoder(JWK publicKey) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(publicKey))));
        // Claims are checked by Spring's validators (set on the decoder), not by Nimbus's defaults.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        return new NimbusJwtDecoder(processor);
    }

    private static PublicKey readPublicKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            for (String algorithm : List.of("RSA", "EC")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                } catch (java.security.spec.InvalidKeySpecException notThisAlgorithm) {
                    // try the next
                }
            }
            throw new IllegalStateException("Neither an RSA nor an EC public key: " + pem);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read public key file " + pem, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
