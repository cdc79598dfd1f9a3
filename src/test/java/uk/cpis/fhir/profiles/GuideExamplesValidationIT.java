package uk.cpis.fhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.GuideExamples;
import uk.cpis.fhir.support.HttpCalls;

/**
 * Every example in the guide gets, from {@code $validate} over HTTP, the verdict the guide promises: each valid
 * one no error, each invalid one the error its entry in {@code examples/invalid/expected.json} names — both when
 * the profile is given as {@code profile=} and when it is taken from the example's {@code meta.profile}.
 */
class GuideExamplesValidationIT extends SharedFhirServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> validExamplesHaveNoErrors() {
        List<GuideExamples.Example> examples = GuideExamples.valid();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.file(), () -> {
            OperationOutcome outcome = validate(example.json(), null);

            assertThat(errors(outcome)).as(example.file()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidExamplesFailWithTheErrorTheirNamePromises() throws Exception {
        JsonNode expected = JSON.readTree(GuideExamples.read("invalid/expected.json")).get("examples");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
        return Stream.of(true, false).flatMap(withProfileParameter -> stream(expected).map(entry -> {
            String file = entry.get("file").asText();
            String profile = entry.get("profile").asText();
            String error = entry.get("error").asText();
            String name = file + (withProfileParameter ? " (profile=)" : " (meta.profile)");
            return DynamicTest.dynamicTest(name, () -> {
                OperationOutcome outcome =
                        validate(GuideExamples.read("invalid/" + file), withProfileParameter ? profile : null);

                assertThat(errors(outcome)).as(name).anyMatch(message -> message.contains(error));
            });
        }));
    }

    private OperationOutcome validate(String json, String profile) throws Exception {
        String type = JSON.readTree(json).get("resourceType").asText();
        String url = baseUrl() + "/fhir/" + type + "/$validate"
                + (profile == null ? "" : "?profile=" + URLEncoder.encode(profile, StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpCalls.postFhirJson(url, TOKENS.admin(), json);
        assertThat(response.statusCode()).isEqualTo(200);
        return (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
    }

    private static List<String> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
