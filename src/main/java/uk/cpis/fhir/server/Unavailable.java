package uk.cpis.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** A 503 the client may retry: an OperationOutcome with the issue code and what to do, and {@code Retry-After}. */
final class Unavailable {

    private Unavailable() {}

    static BaseServerResponseException because(OperationOutcome.IssueType code, String diagnostics, String retryAfterSeconds) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
        BaseServerResponseException answer = new UnclassifiedServerFailureException(503, diagnostics, outcome);
        answer.addResponseHeader("Retry-After", retryAfterSeconds);
        return answer;
    }
}
