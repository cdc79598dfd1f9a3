package uk.cpis.fhir.support;

import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import uk.cpis.fhir.access.DevelopmentSigningKey;
import uk.cpis.fhir.access.DevelopmentTokenCommand;

/** Tokens signed with the server's development key (the one in its data directory), as the README's command makes. */
public final class TestTokens {

    private final Path dataDirectory;

    public TestTokens(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Where the server keeps its development signing key. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public String admin() {
        return token("admin", "X26", null);
    }

    public String token(String role, String org, String activity) {
        return token(role, org, activity, Map.of());
    }

    /** A token for the role, organisation and activity; {@code extra} overrides any option of the token command. */
    public String token(String role, String org, String activity, Map<String, String> extra) {
        ECKey key = DevelopmentSigningKey.loadOrCreate(dataDirectory);
        Map<String, String> options = new HashMap<>(Map.of(
                "role", role, "org", org, "sub", role + "-user", "minutes", "30",
                "issuer", "https://cpis.local/development", "audience", "cpis-fhir-server"));
        if (activity != null) {
            options.put("activity", activity);
        }
        options.putAll(extra);
        return DevelopmentTokenCommand.sign(key, options);
    }
}
