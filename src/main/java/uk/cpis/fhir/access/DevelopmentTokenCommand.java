package uk.cpis.fhir.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code java -jar cpis-fhir-server.jar token --role clinician --org RXX01 --activity B0107}: prints a token
 * signed with the development key, for trying the embedded default. Runs without starting the server.
 */
public final class DevelopmentTokenCommand {

    private DevelopmentTokenCommand() {}

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of(
                "role", "clinician",
                "org", "RXX01",
                "sub", "dev-user",
                "minutes", "60",
                "data-directory", System.getenv().getOrDefault("CPIS_DATA_DIRECTORY", "./data"),
                "issuer", "https://cpis.local/development",
                "audience", "cpis-fhir-server"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        ECKey key = DevelopmentSigningKey.loadOrCreate(Path.of(options.get("data-directory")));
        System.out.println(sign(key, options));
    }

    public static String sign(ECKey key, Map<String, String> options) {
        Instant now = Instant.now();
        Instant issued = now.minusSeconds(60L * Long.parseLong(options.getOrDefault("issued-minutes-ago", "0")));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(options.get("issuer"))
                .audience(options.get("audience"))
                .subject(options.get("sub"))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(now.plusSeconds(60L * Long.parseLong(options.get("minutes")))))
                .claim(CallerClaims.ROLE, options.get("role"))
                .claim(CallerClaims.ORGANISATION, options.get("org"));
        if (options.containsKey("activity")) {
            claims.claim(CallerClaims.ACTIVITY, options.get("activity"));
        }
        if (options.containsKey("scope")) {
            claims.claim(CallerClaims.SCOPE, options.get("scope"));
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with the development key", e);
        }
    }
}
