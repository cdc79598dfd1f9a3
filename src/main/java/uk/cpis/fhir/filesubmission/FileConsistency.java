package uk.cpis.fhir.filesubmission;

import static uk.cpis.fhir.filesubmission.FileColumn.DATE_OF_BIRTH;
import static uk.cpis.fhir.filesubmission.FileColumn.NHS_NUMBER;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_REFERENCE;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_STATUS;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_TYPE;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_EMAIL;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_ID;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_NAME;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_PHONE;
import static uk.cpis.fhir.filesubmission.FileColumn.TEAM_ID;
import static uk.cpis.fhir.filesubmission.FileColumn.TEAM_NAME;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the rows of a file against each other, since one bundle holds one record per plan, child, social worker
 * and team: a plan reference is on one row only; the rows of one NHS number give one date of birth; the rows of one
 * social worker (or team) give the same details; a child has at most one active plan of a type. Each problem is
 * reported on every row involved, naming the others. Cells are compared as written (trimmed).
 */
final class FileConsistency {

    private FileConsistency() {}

    static List<FileProblem> check(List<FileRow> rows) {
        List<FileRow> readable = rows.stream().filter(r -> !r.ragged()).toList();
        List<FileProblem> problems = new ArrayList<>();
        for (List<FileRow> same : groups(readable, r -> r.value(PLAN_REFERENCE)).values()) {
            if (same.size() > 1) {
                for (FileRow row : same) {
                    problems.add(FileProblem.rejected(row.row(), PLAN_REFERENCE, "plan_reference "
                            + FileProblem.quoted(row.value(PLAN_REFERENCE)) + " is on rows " + numbers(same)
                            + ": each plan is one row"));
                }
            }
        }
        sameDetails(readable, NHS_NUMBER, "the NHS number", List.of(DATE_OF_BIRTH), problems);
        sameDetails(readable, SOCIAL_WORKER_ID, "social worker",
                List.of(SOCIAL_WORKER_NAME, SOCIAL_WORKER_PHONE, SOCIAL_WORKER_EMAIL), problems);
        sameDetails(readable, TEAM_ID, "team", List.of(TEAM_NAME), problems);
        oneActivePlanOfAType(readable, problems);
        return problems;
    }

    /** Rows sharing a key (rows whose key cell is empty are left out), in file order. */
    private static Map<String, List<FileRow>> groups(List<FileRow> rows, Function<FileRow, String> key) {
        return rows.stream()
                .filter(r -> !key.apply(r).isEmpty())
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
    }

    private static void sameDetails(
            List<FileRow> rows, FileColumn key, String what, List<FileColumn> details, List<FileProblem> problems) {
        for (List<FileRow> same : groups(rows, r -> r.value(key)).values()) {
            for (FileColumn detail : details) {
                if (same.stream().map(r -> r.value(detail)).distinct().count() > 1) {
                    for (FileRow row : same) {
                        String named = key == NHS_NUMBER ? what : what + " " + FileProblem.quoted(row.value(key));
                        problems.add(FileProblem.rejected(row.row(), detail, "The rows of " + named + " (rows "
                                + numbers(same) + ") give different " + detail.header() + " values: give the same"
                                + " on each"));
                    }
                }
            }
        }
    }

    /** The server refuses a second active plan of a type for a child from one LA; this says which rows. */
    private static void oneActivePlanOfAType(List<FileRow> rows, List<FileProblem> problems) {
        List<FileRow> active = rows.stream().filter(r -> r.value(PLAN_STATUS).equals("active")).toList();
        Map<String, List<FileRow>> byChildAndType =
                groups(active, r -> r.has(NHS_NUMBER) && r.has(PLAN_TYPE) ? r.value(NHS_NUMBER) + " " + r.value(PLAN_TYPE) : "");
        for (List<FileRow> same : byChildAndType.values()) {
            if (same.stream().map(r -> r.value(PLAN_REFERENCE)).distinct().count() > 1) {
                for (FileRow row : same) {
                    problems.add(FileProblem.rejected(row.row(), PLAN_STATUS, "Rows " + numbers(same) + " are each an"
                            + " active " + row.value(PLAN_TYPE) + " plan for the same NHS number: a child has at most"
                            + " one active plan of a type; finish the old plan (plan_status finished, plan_end)"));
                }
            }
        }
    }

    private static String numbers(List<FileRow> rows) {
        List<String> numbers = rows.stream().map(r -> String.valueOf(r.row())).toList();
        int last = numbers.size() - 1;
        return last == 0 ? numbers.get(0) : String.join(", ", numbers.subList(0, last)) + " and " + numbers.get(last);
    }
}
