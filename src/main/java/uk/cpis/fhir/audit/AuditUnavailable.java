package uk.cpis.fhir.audit;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * 503: the access could not be recorded, so the data is withheld. CP-IS never answers a read it has not audited.
 */
public final class AuditUnavailable extends BaseServerResponseException {

    static final int STATUS = 503;

    AuditUnavailable() {
        super(STATUS, MESSAGE, outcome());
    }

    private static final String MESSAGE = "The access could not be recorded in the audit trail, so no data is"
            + " returned. Try again shortly; if this persists, contact the CP-IS service desk.";

    private static OperationOutcome outcome() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TRANSIENT)
                .setDiagnostics(MESSAGE);
        return outcome;
    }
}
