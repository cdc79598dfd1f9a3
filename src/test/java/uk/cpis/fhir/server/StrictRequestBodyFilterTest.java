package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** What the FHIR endpoint refuses before HAPI parses a body: media types, FHIR versions, bad UTF-8, deep JSON. */
class StrictRequestBodyFilterTest {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    @Test
    void takesFhirJsonAndXmlInR4Only() {
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(FHIR_JSON, "/Patient")).isNull();
        assertThat(refusal("application/fhir+xml; fhirVersion=4.0", "/Patient")).isNull();
        assertThat(refusal("application/fhir+turtle", "/Patient")).isNotNull();
        assertThat(refusal("application/fhir+json; fhirVersion=3.0", "/Patient")).isNotNull();
        assertThat(refusal("application/fhir+json; charset=iso-8859-1", "/Patient")).isNotNull();
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(null, "/Patient")).isNotNull();
    }

    @Test
    void takesACsvFileOnlyAtTheFileSubmissionOperation() {
        assertThat(refusal("text/csv; charset=utf-8", "/$cpis-submit-file")).isNull();
        assertThat(refusal("text/csv", "/$cpis-submit-file")).isNull();
        assertThat(refusal("text/csv; charset=windows-1252", "/$cpis-submit-file")).isNotNull();
        assertThat(refusal("text/csv", "/")).isNotNull();
        assertThat(refusal("text/csv", "/Patient")).isNotNull();
        assertThat(refusal("text/plain", "/$cpis-submit-file")).isNotNull();
    }

    private static String refusal(String contentType, String path) {
        return StrictRequestBodyFilter.contentTypeRefusal(MediaType.parseMediaType(contentType), path);
    }

    @Test
    void refusesAnAcceptAskingForAnotherFhirVersion() {
        assertThat(StrictRequestBodyFilter.acceptRefusal("application/fhir+json; fhirVersion=1.0")).isNotNull();
        assertThat(StrictRequestBodyFilter.acceptRefusal("application/fhir+json; fhirVersion=4.0")).isNull();
        assertThat(StrictRequestBodyFilter.acceptRefusal("*/*")).isNull();
    }

    @Test
    void refusesMalformedUtf8() {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        byte[] loneSurrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'};
        byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xe2, (byte) 0x82, '"', '}'};
        for (byte[] body : new byte[][] {invalid, loneSurrogate, truncated}) {
            assertThat(StrictRequestBodyFilter.bodyRefusal(body, FHIR_JSON)).contains("UTF-8");
        }
        assertThat(StrictRequestBodyFilter.bodyRefusal("{\"a\":\"Zoë €\"}".getBytes(StandardCharsets.UTF_8), FHIR_JSON)).isNull();
    }

    @Test
    void refusesJsonNestedDeeperThanAnyResource() {
        String deep = "{\"a\":".repeat(150) + "1" + "}".repeat(150);
        assertThat(StrictRequestBodyFilter.bodyRefusal(deep.getBytes(StandardCharsets.UTF_8), FHIR_JSON)).contains("nested");
        String fine = "{\"a\":".repeat(30) + "1" + "}".repeat(30);
        assertThat(StrictRequestBodyFilter.bodyRefusal(fine.getBytes(StandardCharsets.UTF_8), FHIR_JSON)).isNull();
    }
}
