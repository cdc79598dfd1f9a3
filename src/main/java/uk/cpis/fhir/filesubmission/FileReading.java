package uk.cpis.fhir.filesubmission;

import java.util.List;

/**
 * A file as read, before its rows are checked: its header (null when there is none to read), its data rows
 * (empty rows left out; none when the file is refused as a whole) and the problems found reading it.
 */
record FileReading(FileHeader header, List<FileRow> rows, List<FileProblem> problems) {

    FileReading {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** Whether the rows can be made into plans: a header with every required column. */
    boolean convertible() {
        return header != null && header.complete();
    }

    List<RowKey> keys() {
        return rows.stream().map(FileRow::key).toList();
    }
}
