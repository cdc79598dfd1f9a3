package uk.cpis.fhir.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.DynamicTest;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.ClassPathResource;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.StoredCounts;

/**
 * The corpus of broken submissions ({@code src/test/resources/submission/invalid}, one bundle per broken rule):
 * each is refused with the status and the OperationOutcome issue {@code expected.json} names, and the database
 * is as it was before.
 */
class SubmissionRefusalIT extends SharedFhirServer {

    private static final String CORPUS = "submission/invalid/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> refusesEachBrokenBundleNamingTheProblemAndStoresNothing() throws IOException {
        JsonNode expected = JSON.readTree(read("expected.json")).get("bundles");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(15);
        return StreamSupport.stream(expected.spliterator(), false).map(entry -> DynamicTest.dynamicTest(
                entry.get("file").asText() + ": " + entry.get("rule").asText(), () -> {
                    Map<String, Integer> before = StoredCounts.of(client);

                    HttpResponse<String> response =
                            HttpCalls.postFhirJson(baseUrl() + "/fhir", TOKENS.admin(), read(entry.get("file").asText()));

                    assertThat(response.statusCode()).isEqualTo(entry.get("status").asInt());
                    OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
                    assertThat(outcome.getIssue()).anySatisfy(issue -> {
                        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
                        assertThat(issue.getCode().toCode()).isEqualTo(entry.get("code").asText());
                        assertThat(issue.getDiagnostics()).contains(entry.get("diagnostics").asText());
                        if (entry.has("ruleCode")) {
                            assertThat(issue.getDetails().getCoding()).anySatisfy(coding -> {
                                assertThat(coding.getSystem()).isEqualTo(SubmissionRules.SYSTEM);
                                assertThat(coding.getCode()).isEqualTo(entry.get("ruleCode").asText());
                            });
                        }
                        if (!entry.get("expression").isNull()) {
                            assertThat(issue.getExpression()).extracting(e -> e.getValue())
                                    .contains(entry.get("expression").asText());
                        }
                    });
                    assertThat(StoredCounts.of(client)).isEqualTo(before);
                }));
    }

    private static String read(String file) throws IOException {
        return new ClassPathResource(CORPUS + file).getContentAsString(StandardCharsets.UTF_8);
    }
}
