package uk.cpis.fhir.filesubmission;

import java.util.Objects;

/**
 * One problem with a submission file, where a spreadsheet shows it: the row number (the header is row 1, the first
 * data row row 2; {@value #FILE} for the file as a whole: its size, its encoding, its number of rows), the column
 * (null for a whole row or the whole file), the result code the row gets, and a plain-English message. A problem
 * found by the server's validation of the converted bundle also keeps its FHIRPath ({@code expression}, else null).
 */
public record FileProblem(int row, String column, FileResult result, String message, String expression) {

    /** The row number of problems with the file as a whole. */
    public static final int FILE = 0;
    /** The header's row number: problems with the columns. */
    public static final int HEADER = 1;

    public FileProblem {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
        if (row < 0) {
            throw new IllegalArgumentException("A row number is 0 (the file) or more: " + row);
        }
    }

    public FileProblem(int row, String column, FileResult result, String message) {
        this(row, column, result, message, null);
    }

    /** A problem with the file as a whole (row {@value #FILE}). */
    static FileProblem ofFile(String message) {
        return new FileProblem(FILE, null, FileResult.REJECTED, message);
    }

    /** A problem with a column of the header (row {@value #HEADER}). */
    static FileProblem ofHeader(String column, String message) {
        return new FileProblem(HEADER, column, FileResult.REJECTED, message);
    }

    static FileProblem rejected(int row, FileColumn column, String message) {
        return new FileProblem(row, column == null ? null : column.header(), FileResult.REJECTED, message);
    }

    /** Where the problem is, as the server's OperationOutcome writes it: {@code row 3, column plan_start} or {@code row 3}. */
    public String location() {
        return column == null ? "row " + row : "row " + row + ", column " + column;
    }

    /** A cell's value quoted in a message, cut short if long (a message is not the place for a whole cell). */
    static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 37) + "..." : value;
        return "'" + shown + "'";
    }
}
