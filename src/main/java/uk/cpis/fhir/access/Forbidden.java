package uk.cpis.fhir.access;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The one way this package refuses a request: 403 with an OperationOutcome whose issue code is {@code forbidden}. */
public final class Forbidden {

    private Forbidden() {}

    public static ForbiddenOperationException because(String reason) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(reason);
        return new ForbiddenOperationException(reason, outcome);
    }
}
