package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.StoredCounts;

/** Input the server must not half-understand is refused over HTTP with the right status, and stores nothing. */
class StrictInputIT extends SharedFhirServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String contentType, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + TOKENS.admin())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void refusesAnOffsetThatIsNegativeOrNotANumberWith400() throws Exception {
        String lookup = baseUrl() + "/fhir/Flag?patient.identifier=https://fhir.nhs.uk/Id/nhs-number%7C9434765870";
        for (String offset : new String[] {"-1", "-20", "abc", "99999999999"}) {
            assertRefused(HttpCalls.get(lookup + "&_offset=" + offset, TOKENS.admin()), 400);
        }
        // And in a bundle's GET entry, the same answer for that entry's request.
        Bundle lookups = new Bundle().setType(Bundle.BundleType.BATCH);
        lookups.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Flag?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|9434765870&_offset=-1");
        HttpResponse<String> answer = post("/fhir", "application/fhir+json",
                FHIR.newJsonParser().encodeResourceToString(lookups).getBytes(StandardCharsets.UTF_8), Map.of());
        Bundle outcome = (Bundle) FHIR.newJsonParser().parseResource(answer.body());
        assertThat(outcome.getEntryFirstRep().getResponse().getStatus()).startsWith("400");
        assertThat(HttpCalls.get(lookup + "&_offset=0", TOKENS.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesUnsupportedMediaTypesAndFhirVersionsAndStoresNothing() throws Exception {
        Map<String, Integer> before = StoredCounts.of(client);
        byte[] patient = "{\"resourceType\":\"Patient\"}".getBytes();

        assertRefused(post("/fhir/Patient", "application/fhir+turtle", patient, Map.of()), 415);
        assertRefused(post("/fhir/Patient", "application/fhir+turtle", new byte[0], Map.of()), 415);
        assertRefused(post("/fhir/Patient", "application/fhir+json; fhirVersion=3.0", patient, Map.of()), 415);
        assertRefused(post("/fhir/Patient", "application/fhir+json; fhirVersion=1.0", patient, Map.of()), 415);
        assertRefused(post("/fhir/Patient", "application/fhir+json", patient,
                Map.of("Accept", "application/fhir+json; fhirVersion=3.0")), 406);
        assertThat(StoredCounts.of(client)).isEqualTo(before);
    }

    @Test
    void refusesMalformedUtf8AndDeepJsonAndStoresNothing() throws Exception {
        Map<String, Integer> before = StoredCounts.of(client);
        byte[] badUtf8 = {'{', '"', 'r', 'e', 's', 'o', 'u', 'r', 'c', 'e', 'T', 'y', 'p', 'e', '"', ':', '"', 'P', 'a', 't', 'i', 'e', 'n', 't',
                '"', ',', '"', 'i', 'd', '"', ':', '"', (byte) 0xff, '"', '}'};
        String deep = "{\"resourceType\":\"Patient\",\"extension\":[" + "{\"url\":\"x\",\"extension\":[".repeat(200) + "]}".repeat(200) + "]}";

        assertRefused(post("/fhir/Patient", "application/fhir+json", badUtf8, Map.of()), 400);
        assertRefused(post("/fhir/Patient", "application/fhir+json", deep.getBytes(), Map.of()), 400);
        assertThat(StoredCounts.of(client)).isEqualTo(before);
    }

    @Test
    void aChunkedBodyPastTheSizeLimitIs413() throws Exception {
        byte[] eleven = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(eleven, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/fhir/Patient"))
                .header("Authorization", "Bearer " + TOKENS.admin()).header("Content-Type", "application/fhir+json")
                // A publisher of unknown length: sent chunked, without Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(eleven))).build();
        assertRefused(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), 413);
    }

    @Test
    void anOversizedHeaderIsAnOperationOutcomeNotTomcatsPage() throws Exception {
        HttpResponse<String> response = HttpCalls.send("GET", baseUrl() + "/fhir/metadata", null, "application/fhir+json; x=" + "a".repeat(20_000), null);
        assertRefused(response, 400);
    }

    @Test
    void anEmptyTransactionStoresNothingAndAnswersAnEmptyResponse() throws Exception {
        Map<String, Integer> before = StoredCounts.of(client);
        HttpResponse<String> response = post("/fhir", "application/fhir+json",
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}".getBytes(), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        Bundle answer = (Bundle) FHIR.newJsonParser().parseResource(response.body());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).isEmpty();
        assertThat(StoredCounts.of(client)).isEqualTo(before);
    }
}
