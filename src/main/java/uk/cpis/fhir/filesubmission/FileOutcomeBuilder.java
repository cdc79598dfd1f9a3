package uk.cpis.fhir.filesubmission;

import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

/**
 * Writes the server's answer to a file submission as an OperationOutcome that {@link FileOutcomeParser} reads back:
 * one issue per problem (or, for a stored file, per row), its place in {@code location[0]} ({@code row 7, column
 * plan_start} or {@code row 7}; row 0 is the file as a whole, row 1 the header), its FHIRPath in
 * {@code expression} when the server's validation found it, its result code in {@code details.coding}
 * ({@link FileResult#SYSTEM}) and its message in {@code diagnostics}.
 */
public final class FileOutcomeBuilder {

    private FileOutcomeBuilder() {}

    /** The answer refusing a file: one error per problem. Nothing of the file was stored. */
    public static OperationOutcome refused(List<FileProblem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (FileProblem problem : problems) {
            OperationOutcome.OperationOutcomeIssueComponent issue = issue(outcome, problem.result(), problem.location(),
                    problem.message());
            if (problem.expression() != null) {
                issue.addExpression(problem.expression());
            }
        }
        return outcome;
    }

    /** The answer storing a file: one information issue per row, each {@code accepted}. */
    public static OperationOutcome accepted(Collection<Integer> rows) {
        OperationOutcome outcome = new OperationOutcome();
        rows.stream().sorted().forEach(row -> issue(outcome, FileResult.ACCEPTED, "row " + row, "The row's plan was stored"));
        return outcome;
    }

    private static OperationOutcome.OperationOutcomeIssueComponent issue(
            OperationOutcome outcome, FileResult result, String location, String message) {
        boolean problem = result == FileResult.REJECTED || result == FileResult.NHS_NUMBER_INVALID;
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(problem ? IssueSeverity.ERROR : IssueSeverity.INFORMATION)
                .setCode(result == FileResult.NHS_NUMBER_INVALID ? IssueType.VALUE
                        : problem ? IssueType.INVALID : IssueType.INFORMATIONAL)
                .setDiagnostics(message);
        issue.getDetails().addCoding().setSystem(FileResult.SYSTEM).setCode(result.code());
        issue.getLocation().add(new StringType(location));
        return issue;
    }
}
