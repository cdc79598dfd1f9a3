package uk.cpis.fhir.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The integrator page's package table names every definition the package holds, at the package's version. */
class IntegratorPageTest {

    private static final Path PACKAGE = Path.of("fhir-profiles/package");
    private static final Path PAGE = Path.of("implementation-guide/pages/integrator.md");

    @Test
    void namesEveryDefinitionOfThePackage() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        JsonNode index = new ObjectMapper().readTree(PACKAGE.resolve(".index.json").toFile());

        assertThat(index.get("files")).isNotEmpty();
        for (JsonNode file : index.get("files")) {
            assertThat(page).as(file.get("filename").asText()).contains("`" + file.get("id").asText() + "`");
        }
    }

    @Test
    void givesThePackagesVersion() throws IOException {
        String version = new ObjectMapper().readTree(PACKAGE.resolve("package.json").toFile()).get("version").asText();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .contains("`uk.cpis.fhir` version " + version)
                .contains("uk.cpis.fhir#" + version);
    }
}
