package uk.cpis.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The guide's security page prints the access policy from the same data the server enforces. */
class AccessPolicyPageTest {

    private static final Path SECURITY_PAGE = Path.of("implementation-guide/pages/security.md");
    private static final String BEGIN = "<!-- access-policy:begin (generated from AccessPolicy, kept equal by AccessPolicyPageTest) -->";
    private static final String END = "<!-- access-policy:end -->";

    @Test
    void securityPagePrintsTheEnforcedPolicy() throws IOException {
        String rendered = BEGIN + "\n" + AccessPolicy.cpis().markdownTable() + END;
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/access-policy.md"), rendered, StandardCharsets.UTF_8);

        assertThat(Files.readString(SECURITY_PAGE, StandardCharsets.UTF_8))
                .as("security.md's policy table is stale: copy target/access-policy.md between its markers")
                .contains(rendered);
    }

    @Test
    void everyRoleButAdminHasAnExplicitListAndNoWildcard() {
        AccessPolicy policy = AccessPolicy.cpis();
        for (AccessPolicy.Caller caller : AccessPolicy.Caller.values()) {
            AccessPolicy.CallerPolicy granted = policy.of(caller);
            assertThat(granted.everything()).as(caller.name()).isEqualTo(caller == AccessPolicy.Caller.ADMIN);
            granted.grants().values().forEach(grant -> {
                assertThat(grant.parameters().keySet()).noneMatch(name -> name.startsWith("_has") || name.contains(":iterate")
                        || name.contains(":recurse") || name.equals("_filter"));
                assertThat(grant.includes()).noneMatch(include -> include.contains("*"));
            });
        }
    }
}
