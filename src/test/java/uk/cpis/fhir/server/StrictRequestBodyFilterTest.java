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
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(FHIR_JSON)).isNull();
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(MediaType.parseMediaType("application/fhir+xml; fhirVersion=4.0"))).isNull();
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(MediaType.parseMediaType("application/fhir+turtle"))).isNotNull();
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(MediaType.parseMediaType("application/fhir+json; fhirVersion=3.0"))).isNotNull();
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(MediaType.parseMediaType("application/fhir+json; charset=iso-8859-1"))).isNotNull();
        assertThat(StrictRequestBodyFilter.contentTypeRefusal(null)).isNotNull();
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
