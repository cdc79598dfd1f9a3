package uk.cpis.fhir.filesubmission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lines of the LA's report for a file: every problem, on its row, and one line for each row without a problem
 * of its own: {@code accepted} when the file was stored, {@code not-stored} when it was refused (a file is stored
 * whole or not at all). Lines are in row order; a row's problems in the order they were found.
 */
public final class SubmissionReport {

    static final String NOT_STORED = "the file was refused as a whole: nothing was stored";

    private SubmissionReport() {}

    /**
     * @param rows the file's data rows
     * @param problems the file's problems (none when it was stored)
     * @param stored whether the file was stored
     */
    public static List<ReportLine> lines(Collection<RowKey> rows, List<FileProblem> problems, boolean stored) {
        Map<Integer, RowKey> byNumber = new TreeMap<>();
        rows.forEach(r -> byNumber.put(r.row(), r));
        TreeSet<Integer> numbers = new TreeSet<>(byNumber.keySet());
        problems.forEach(p -> numbers.add(p.row()));
        List<ReportLine> lines = new ArrayList<>();
        for (int number : numbers) {
            RowKey key = byNumber.getOrDefault(number, new RowKey(number, "", ""));
            List<FileProblem> own = problems.stream().filter(p -> p.row() == number).toList();
            for (FileProblem problem : own) {
                lines.add(new ReportLine(number, key.planReference(), key.nhsNumber(), problem.result(),
                        problem.column() == null ? "" : problem.column(), problem.message()));
            }
            if (own.isEmpty()) {
                lines.add(stored
                        ? new ReportLine(number, key.planReference(), key.nhsNumber(), FileResult.ACCEPTED, "", "")
                        : new ReportLine(number, key.planReference(), key.nhsNumber(), FileResult.NOT_STORED, "", NOT_STORED));
            }
        }
        return lines;
    }
}
