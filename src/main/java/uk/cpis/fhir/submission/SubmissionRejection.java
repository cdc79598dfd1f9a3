package uk.cpis.fhir.submission;

import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;

/** Builds the single OperationOutcome that refuses a submission, listing every problem found. */
final class SubmissionRejection {

    private SubmissionRejection() {}

    static UnprocessableEntityException unprocessable(List<SubmissionIssue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (SubmissionIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent entry = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(issue.type())
                    .setDiagnostics(issue.message());
            if (issue.rule() != null) {
                entry.getDetails().addCoding().setSystem(SubmissionRules.SYSTEM).setCode(issue.rule());
            }
            if (issue.location() != null && !issue.location().isBlank()) {
                entry.addExpression(issue.location());
                entry.getLocation().add(new StringType(issue.location()));
            }
        }
        // The message repeats every problem: for an entry of a batch, HAPI answers with the message alone.
        StringBuilder message = new StringBuilder("Submission refused, nothing was stored; ")
                .append(issues.size())
                .append(" problem(s):");
        for (SubmissionIssue issue : issues) {
            message.append(" [").append(issue.location() == null ? "-" : issue.location()).append("] ")
                    .append(issue.message());
        }
        return new UnprocessableEntityException(message.toString(), outcome);
    }

    static PayloadTooLargeException tooManyEntries(int entries, int max) {
        return new PayloadTooLargeException(
                "Submission refused: " + entries + " entries, more than the " + max + " allowed in one bundle");
    }
}
