package uk.cpis.fhir.filesubmission;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the LA's report as CSV (UTF-8, RFC 4180, CRLF): {@code row,plan_reference,nhs_number,result,column,problem}.
 * A cell that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) is
 * written with a leading single quote, the OWASP defence against CSV injection: the report repeats cells of the
 * LA's file, and a spreadsheet is how it will be read.
 */
public final class ReportWriter {

    static final String[] HEADER = {"row", "plan_reference", "nhs_number", "result", "column", "problem"};

    private ReportWriter() {}

    public static void write(List<ReportLine> lines, Path path) throws IOException {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            write(lines, out);
        }
    }

    public static void write(List<ReportLine> lines, Appendable out) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
        printer.printRecord((Object[]) HEADER);
        for (ReportLine line : lines) {
            printer.printRecord(line.row(), safe(line.planReference()), safe(line.nhsNumber()), line.result().code(),
                    safe(line.column()), safe(line.problem()));
        }
        printer.flush();
    }

    /** The cell as data a spreadsheet will not run. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}
