package uk.cpis.fhir.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.NhsNumbers;

/** The request log writes one line per request and never an NHS number. */
@ExtendWith(OutputCaptureExtension.class)
class RequestLogIT extends SharedFhirServer {

    @Test
    void logsASearchByNhsNumberWithoutTheNhsNumber(CapturedOutput output) throws InterruptedException {
        String nhsNumber = NhsNumbers.random();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(nhsNumber);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2016-04-12"));
        client.create().resource(patient).execute();

        client.search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("https://fhir.nhs.uk/Id/nhs-number", nhsNumber))
                .count(5)
                .returnBundle(Bundle.class)
                .execute();

        String searchLine = awaitLine(output, "GET /fhir/Patient?");
        assertThat(searchLine).matches(".*cpis\\.request - GET /fhir/Patient\\?identifier=\\*\\*\\*&_count=5 200 \\d+ms");
        assertThat(output.getAll()).doesNotContain(nhsNumber);
    }

    /** The line is written when the filter unwinds, which may be just after the client has its answer. */
    private static String awaitLine(CapturedOutput output, String fragment) {
        return await().atMost(Duration.ofSeconds(5)).alias("a request log line containing " + fragment)
                .until(() -> output.getAll().lines().filter(line -> line.contains(fragment)).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
