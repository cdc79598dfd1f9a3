package uk.cpis.fhir.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.SharedFhirServer;

/**
 * What an operator and a load balancer see: the liveness and readiness probes, open and UP on a started node, and
 * the Prometheus metrics, for an admin's token only, counting lookups, submissions, refusals and the audit write.
 */
class OperatorEndpointsIT extends SharedFhirServer {

    @Test
    void livenessAndReadinessAreUpAndOpenToTheLoadBalancer() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health"}) {
            HttpResponse<String> answer = HttpCalls.get(baseUrl() + probe);

            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"").doesNotContain("components");
        }
    }

    @Test
    void metricsAreForAnAdminOnly() throws Exception {
        String url = baseUrl() + "/actuator/prometheus";

        assertThat(HttpCalls.get(url).statusCode()).isEqualTo(401);
        assertThat(HttpCalls.get(url, TOKENS.token("clinician", "RXX01", AuditCodes.UNSCHEDULED_CARE)).statusCode()).isEqualTo(403);
        assertThat(HttpCalls.get(url, TOKENS.token("local-authority", "383", null)).statusCode()).isEqualTo(403);
        assertThat(HttpCalls.get(url, TOKENS.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountLookupsSubmissionsRefusalsAndTheAuditWrite() throws Exception {
        ChildSubmission child = new ChildSubmission();
        clientWithToken(TOKENS.token("local-authority", child.odsCode, null)).transaction()
                .withBundle(child.transaction()).execute();
        ChildSubmission broken = new ChildSubmission();
        broken.nhsNumber = "9434765871";
        HttpCalls.postFhirJson(baseUrl() + "/fhir", TOKENS.token("local-authority", broken.odsCode, null),
                FHIR.newJsonParser().encodeResourceToString(broken.transaction()));
        clientWithToken(TOKENS.token("clinician", "RXX01", AuditCodes.UNSCHEDULED_CARE)).search()
                .byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + child.nhsNumber)
                .returnBundle(Bundle.class).execute();
        HttpCalls.get(baseUrl() + "/fhir/Flag");

        String metrics = HttpCalls.get(baseUrl() + "/actuator/prometheus", TOKENS.admin()).body();

        assertThat(metrics)
                .containsPattern("cpis_lookups_total\\{[^}]*notified=\"true\"[^}]*role=\"clinician\"[^}]*\\} [1-9]")
                .containsPattern("cpis_submissions_total\\{[^}]*outcome=\"accepted\"[^}]*\\} [1-9]")
                .containsPattern("cpis_submissions_total\\{[^}]*outcome=\"refused\"[^}]*\\} [1-9]")
                .containsPattern("cpis_submission_refusals_total\\{[^}]*rule=\"conditional-keys\"[^}]*\\} [1-9]")
                .containsPattern("cpis_refusals_total\\{[^}]*status=\"401\"[^}]*\\} [1-9]")
                .containsPattern("cpis_refusals_total\\{[^}]*status=\"422\"[^}]*\\} [1-9]")
                .containsPattern("cpis_audit_write_seconds_count\\{[^}]*\\} [1-9]");
        // No child's identity in the metrics.
        assertThat(metrics).doesNotContain(child.nhsNumber).doesNotContain(child.odsCode);
    }
}
