package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report is CSV a spreadsheet opens safely: quoted where needed, and never a formula. */
class ReportWriterTest {

    private static List<CSVRecord> written(List<ReportLine> lines) throws IOException {
        StringBuilder out = new StringBuilder();
        ReportWriter.write(lines, out);
        try (CSVParser parser = CSVParser.parse(new StringReader(out.toString()), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    @Test
    void writesTheHeaderThenOneRecordPerLine() throws IOException {
        List<CSVRecord> records = written(List.of(
                new ReportLine(2, "CPP-1", "9434765005", FileResult.ACCEPTED, "", ""),
                new ReportLine(3, "CPP-2", "9434765013", FileResult.REJECTED, "plan_start",
                        "plan_start '06/01/2025' is not a date written YYYY-MM-DD, e.g. 2025-01-06")));
        assertThat(records.get(0).toList()).containsExactly("row", "plan_reference", "nhs_number", "result", "column", "problem");
        assertThat(records.get(1).toList()).containsExactly("2", "CPP-1", "9434765005", "accepted", "", "");
        assertThat(records.get(2).toList()).containsExactly("3", "CPP-2", "9434765013", "rejected", "plan_start",
                "plan_start '06/01/2025' is not a date written YYYY-MM-DD, e.g. 2025-01-06");
    }

    @Test
    void neutralisesCellsASpreadsheetWouldRunAsFormulas() throws IOException {
        List<CSVRecord> records = written(List.of(
                new ReportLine(2, "=HYPERLINK(\"http://evil.example\",\"Click\")", "+441130000000", FileResult.REJECTED,
                        "plan_reference", "-1"),
                new ReportLine(3, "@SUM(A1:A2)", "\t9434765005", FileResult.REJECTED, "", "\rx")));
        assertThat(records.get(1).get(1))
                .isEqualTo("'=HYPERLINK(\"http://evil.example\",\"Click\")");
        assertThat(records.get(1).get(2)).isEqualTo("'+441130000000");
        assertThat(records.get(1).get(5)).isEqualTo("'-1");
        assertThat(records.get(2).get(1)).isEqualTo("'@SUM(A1:A2)");
        assertThat(records.get(2).get(2)).isEqualTo("'\t9434765005");
        assertThat(records.get(2).get(5)).isEqualTo("'\rx");
    }

    @Test
    void leavesOrdinaryCellsAsTheyAre() {
        assertThat(ReportWriter.safe("CPP-2025-000201")).isEqualTo("CPP-2025-000201");
        assertThat(ReportWriter.safe("a=b")).isEqualTo("a=b");
        assertThat(ReportWriter.safe("")).isEmpty();
        assertThat(ReportWriter.safe(null)).isEmpty();
    }

    @Test
    void writesUtf8ToAFile(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("plans.csv.report.csv");
        ReportWriter.write(List.of(new ReportLine(2, "CPP-1", "9434765005", FileResult.REJECTED, "social_worker_name",
                "The rows of social worker 'SW1' give different names: Zoë, Zoe")), report);
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("Zoë").startsWith("row,plan_reference");
    }

    @Test
    void fileRefusedAsAWholeListsItsProblemAndEveryRowAsNotStored() {
        List<ReportLine> lines = SubmissionReport.lines(
                List.of(new RowKey(2, "CPP-1", "9434765005"), new RowKey(3, "CPP-2", "9434765013")),
                List.of(new FileProblem(0, null, FileResult.REJECTED, "The file has more than 1000 rows")), false);
        assertThat(lines).extracting(ReportLine::row, ReportLine::result).containsExactly(
                tuple(0, FileResult.REJECTED),
                tuple(2, FileResult.NOT_STORED),
                tuple(3, FileResult.NOT_STORED));
    }
}
