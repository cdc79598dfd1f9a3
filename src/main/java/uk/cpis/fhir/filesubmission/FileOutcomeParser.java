package uk.cpis.fhir.filesubmission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * Reads the server's answer to a file submission (an OperationOutcome as {@link FileOutcomeBuilder} writes it) back
 * into the file's problems and stored rows, and into the lines of the LA's report. An error issue without a
 * file-result code (the server refusing for another reason) is read as a problem with the file as a whole.
 */
public final class FileOutcomeParser {

    private static final Pattern LOCATION = Pattern.compile("(?i)^\\s*row\\s+(\\d+)(?:\\s*,\\s*column\\s+(.+?))?\\s*$");

    /**
     * The answer read back.
     *
     * @param problems the file's problems (every issue that is not {@code accepted})
     * @param acceptedRows the rows the answer says were stored
     * @param judged whether the answer is the file's judgement (at least one issue has a file-result code), rather
     *     than a refusal of the request itself (an expired token, a server unavailable)
     */
    public record ParsedOutcome(List<FileProblem> problems, List<Integer> acceptedRows, boolean judged) {
        public ParsedOutcome {
            problems = List.copyOf(problems);
            acceptedRows = List.copyOf(acceptedRows);
        }

        public boolean refused() {
            return !problems.isEmpty();
        }
    }

    private FileOutcomeParser() {}

    public static ParsedOutcome parse(OperationOutcome outcome) {
        List<FileProblem> problems = new ArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        boolean judged = false;
        for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
            Optional<FileResult> coded = result(issue);
            judged |= coded.isPresent();
            boolean error = issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL;
            if (coded.isEmpty() && !error) {
                continue; // a warning or a note beside the judgement: not a row's result
            }
            FileResult result = coded.orElse(FileResult.REJECTED);
            Matcher place = LOCATION.matcher(issue.getLocation().isEmpty() ? "" : issue.getLocation().get(0).getValue());
            int row = place.matches() ? Integer.parseInt(place.group(1)) : FileProblem.FILE;
            if (result == FileResult.ACCEPTED) {
                accepted.add(row);
            } else {
                problems.add(new FileProblem(row, place.matches() ? place.group(2) : null, result, message(issue),
                        issue.getExpression().isEmpty() ? null : issue.getExpression().get(0).getValue()));
            }
        }
        return new ParsedOutcome(problems, accepted, judged);
    }

    /**
     * The report's lines for an answer: the file's rows (as the LA's copy of the file names them) with what became
     * of each; a row the answer names that the copy lacks is reported with its number alone.
     */
    public static List<ReportLine> reportLines(OperationOutcome outcome, Collection<RowKey> rows, boolean stored) {
        ParsedOutcome parsed = parse(outcome);
        Map<Integer, RowKey> known = new LinkedHashMap<>();
        rows.forEach(r -> known.put(r.row(), r));
        parsed.acceptedRows().forEach(r -> known.putIfAbsent(r, new RowKey(r, "", "")));
        return SubmissionReport.lines(known.values(), parsed.problems(), stored && !parsed.refused());
    }

    private static Optional<FileResult> result(OperationOutcome.OperationOutcomeIssueComponent issue) {
        return issue.getDetails().getCoding().stream()
                .filter(c -> FileResult.SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode)
                .map(FileResult::byCode)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static String message(OperationOutcome.OperationOutcomeIssueComponent issue) {
        if (issue.hasDiagnostics()) {
            return issue.getDiagnostics();
        }
        return issue.getDetails().hasText() ? issue.getDetails().getText() : issue.getCode().getDisplay();
    }
}
