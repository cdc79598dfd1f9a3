package uk.cpis.fhir.filesubmission;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;

/** Submission files for the tests: a valid row per child, changed cell by cell, and the conversion of a file. */
final class SubmissionFiles {

    static final String ODS_CODE = "383";
    static final String HEADER = String.join(",", FileColumn.headers());
    /** Valid NHS numbers (modulus 11), one per child of a test file. */
    static final List<String> NHS_NUMBERS = List.of("9434765005", "9434765013", "9434765021", "9434765048",
            "9434765056", "9434765064", "9434765072", "9434765080", "9434765099", "9434765102");

    private SubmissionFiles() {}

    /** One row of a file, by column: the n-th child's active CPP, without social worker or team. */
    static final class Row {
        private final Map<FileColumn, String> cells = new EnumMap<>(FileColumn.class);

        Row set(FileColumn column, String value) {
            cells.put(column, value);
            return this;
        }

        Row socialWorker(String id, String name, String phone, String email) {
            return set(FileColumn.SOCIAL_WORKER_ID, id).set(FileColumn.SOCIAL_WORKER_NAME, name)
                    .set(FileColumn.SOCIAL_WORKER_PHONE, phone).set(FileColumn.SOCIAL_WORKER_EMAIL, email);
        }

        Row team(String id, String name) {
            return set(FileColumn.TEAM_ID, id).set(FileColumn.TEAM_NAME, name);
        }

        /** The row in CSV, every column in the template's order, quoted where needed. */
        String line() {
            List<String> values = new ArrayList<>();
            for (FileColumn column : FileColumn.values()) {
                values.add(cells.getOrDefault(column, ""));
            }
            return CSVFormat.RFC4180.format(values.toArray());
        }
    }

    static Row row(int child) {
        return new Row()
                .set(FileColumn.NHS_NUMBER, NHS_NUMBERS.get(child))
                .set(FileColumn.DATE_OF_BIRTH, "2018-04-1" + (child % 10))
                .set(FileColumn.PLAN_TYPE, "CPP")
                .set(FileColumn.PLAN_REFERENCE, "CPP-" + child)
                .set(FileColumn.PLAN_START, "2025-01-06")
                .set(FileColumn.PLAN_STATUS, "active");
    }

    /** A file of the template's header and these rows, LF line ends. */
    static String file(Row... rows) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            text.append(row.line()).append('\n');
        }
        return text.toString();
    }

    static FileConversion convert(String text) {
        return convert(text, SubmissionFileLimits.DEFAULT);
    }

    static FileConversion convert(String text, SubmissionFileLimits limits) {
        return new SubmissionFileConverter(limits).convert(text.getBytes(StandardCharsets.UTF_8), ODS_CODE);
    }
}
