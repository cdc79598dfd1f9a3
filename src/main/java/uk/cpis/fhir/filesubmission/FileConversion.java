package uk.cpis.fhir.filesubmission;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What a submission file became.
 *
 * @param problems every problem found in the file, ordered by row (the file's own, row 0, and the header's, row 1,
 *     first); empty when the file may be submitted
 * @param rows the file's data rows, as the report names them (row number, plan reference, NHS number)
 * @param bundle the {@code cpis-submission} transaction made from every row without a problem of its own: the whole
 *     file when {@code problems} is empty. Otherwise it is only for validating (so that the LA learns the server's
 *     problems with its other rows in the same report) and must never be stored: the file is all or nothing.
 * @param locator the rows (and columns) behind each entry of {@code bundle}
 */
public record FileConversion(List<FileProblem> problems, List<RowKey> rows, Bundle bundle, RowLocator locator) {

    public FileConversion {
        problems = problems.stream().sorted(Comparator.comparingInt(FileProblem::row)).toList();
        rows = List.copyOf(rows);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The bundle to submit: present only when the file has no problem at all. */
    public Optional<Bundle> bundleToSubmit() {
        return hasProblems() ? Optional.empty() : Optional.of(bundle);
    }
}
