package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.junit.jupiter.api.Test;

/**
 * How a file is read: with or without a byte order mark, CRLF or LF, RFC 4180 quoting (commas, quotes and line
 * breaks inside a quoted cell), spreadsheet row numbers, header names trimmed, empty rows skipped, and cells kept
 * as data, never interpreted.
 */
class SubmissionFileReadingTest {

    private static final String TWO_ROWS = SubmissionFiles.file(SubmissionFiles.row(0), SubmissionFiles.row(1));

    @Test
    void readsAFileWithAByteOrderMark() {
        FileConversion conversion = SubmissionFiles.convert("\uFEFF" + TWO_ROWS);
        assertThat(conversion.problems()).isEmpty();
        assertThat(conversion.rows()).extracting(RowKey::row).containsExactly(2, 3);
    }

    @Test
    void readsCrlfAndLfLineEndsAlike() {
        FileConversion lf = SubmissionFiles.convert(TWO_ROWS);
        FileConversion crlf = SubmissionFiles.convert(TWO_ROWS.replace("\n", "\r\n"));
        assertThat(lf.problems()).isEmpty();
        assertThat(crlf.problems()).isEmpty();
        assertThat(crlf.rows()).isEqualTo(lf.rows());
        assertThat(crlf.bundle().getEntry()).hasSameSizeAs(lf.bundle().getEntry());
    }

    @Test
    void readsAFileWithoutAFinalLineEnd() {
        FileConversion conversion = SubmissionFiles.convert(TWO_ROWS.stripTrailing());
        assertThat(conversion.problems()).isEmpty();
        assertThat(conversion.rows()).hasSize(2);
    }

    @Test
    void quotedCellsKeepCommasQuotesAndLineBreaks() {
        String name = "Children's \"East\" Team,\nLeeds";
        String file = SubmissionFiles.file(
                SubmissionFiles.row(0).team("T1", name),
                SubmissionFiles.row(1));
        assertThat(file).contains("\"Children's \"\"East\"\" Team,\nLeeds\"");
        FileConversion conversion = SubmissionFiles.convert(file);
        assertThat(conversion.problems()).isEmpty();
        CareTeam team = (CareTeam) conversion.bundle().getEntry().get(0).getResource();
        assertThat(team.getName()).isEqualTo(name);
        // The line break inside the cell does not make a new row: the next row is row 3, as a spreadsheet shows it.
        assertThat(conversion.rows()).extracting(RowKey::row).containsExactly(2, 3);
    }

    @Test
    void rowNumbersFollowTheSpreadsheetAfterAMultiLineCell() {
        String file = SubmissionFiles.file(
                SubmissionFiles.row(0).team("T1", "East\nTeam"),
                SubmissionFiles.row(1).set(FileColumn.PLAN_START, "06/01/2025"));
        assertThat(SubmissionFiles.convert(file).problems())
                .extracting(FileProblem::row, FileProblem::column)
                .containsExactly(tuple(3, "plan_start"));
    }

    @Test
    void headerNamesMayComeInAnyOrderWithSurroundingSpaces() {
        String file = " plan_status , plan_start,plan_reference,plan_type,date_of_birth,nhs_number \n"
                + "active,2025-01-06,CPP-9,LAC,2015-02-03,9434765870\n";
        FileConversion conversion = SubmissionFiles.convert(file);
        assertThat(conversion.problems()).isEmpty();
        EpisodeOfCare plan = (EpisodeOfCare) conversion.bundle().getEntry().get(1).getResource();
        assertThat(plan.getIdentifierFirstRep().getValue()).isEqualTo("CPP-9");
        assertThat(conversion.rows()).containsExactly(new RowKey(2, "CPP-9", "9434765870"));
    }

    @Test
    void emptyRowsAreSkippedWithoutShiftingRowNumbers() {
        String file = SubmissionFiles.HEADER + "\n" + SubmissionFiles.row(0).line() + "\n\n,,,,,,,,,,,,,\n"
                + SubmissionFiles.row(1).set(FileColumn.PLAN_STATUS, "open").line() + "\n";
        FileConversion conversion = SubmissionFiles.convert(file);
        assertThat(conversion.rows()).extracting(RowKey::row).containsExactly(2, 5);
        assertThat(conversion.problems()).extracting(FileProblem::row, FileProblem::column)
                .containsExactly(tuple(5, "plan_status"));
    }

    @Test
    void cellsAreTrimmed() {
        String file = SubmissionFiles.file(SubmissionFiles.row(0).set(FileColumn.PLAN_REFERENCE, "  CPP-7  "));
        FileConversion conversion = SubmissionFiles.convert(file);
        assertThat(conversion.problems()).isEmpty();
        assertThat(conversion.rows().get(0).planReference()).isEqualTo("CPP-7");
    }

    @Test
    void formulaLikeCellIsKeptVerbatimAsData() {
        String formula = "=HYPERLINK(\"http://evil.example/?x=1\",\"Click me\")";
        FileConversion conversion = SubmissionFiles.convert(
                SubmissionFiles.file(SubmissionFiles.row(0).set(FileColumn.PLAN_REFERENCE, formula)));
        assertThat(conversion.rows().get(0).planReference()).isEqualTo(formula);
        // As data, it is just not a plan reference.
        assertThat(conversion.problems()).extracting(FileProblem::row, FileProblem::column, p -> p.result().code())
                .containsExactly(tuple(2, "plan_reference", "rejected"));
        assertThat(conversion.problems().get(0).message()).startsWith("plan_reference '=HYPERLINK(");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheLine() {
        byte[] latin1 = (SubmissionFiles.HEADER + "\n" + SubmissionFiles.row(0)
                .socialWorker("SW1", "Zoë Brontë", "0113 000 0000", "").line() + "\n").getBytes(StandardCharsets.ISO_8859_1);
        FileConversion conversion = new SubmissionFileConverter(SubmissionFileLimits.DEFAULT).convert(latin1, "383");
        assertThat(conversion.problems()).extracting(FileProblem::row, FileProblem::column, p -> p.result().code())
                .containsExactly(tuple(0, null, "rejected"));
        assertThat(conversion.problems().get(0).message()).contains("not UTF-8", "line 2");
        assertThat(conversion.rows()).isEmpty();
    }

    @Test
    void readsFromAStream() throws IOException {
        FileConversion conversion = new SubmissionFileConverter(SubmissionFileLimits.DEFAULT)
                .convert(new ByteArrayInputStream(TWO_ROWS.getBytes(StandardCharsets.UTF_8)), "383");
        assertThat(conversion.problems()).isEmpty();
        assertThat(conversion.rows()).hasSize(2);
    }

    @Test
    void resubmittingTheSameFileMakesTheSameKeys() {
        FileConversion first = SubmissionFiles.convert(TWO_ROWS);
        FileConversion again = SubmissionFiles.convert(TWO_ROWS);
        // Fresh full URLs each time, the same conditional keys: the server keeps one record of each.
        assertThat(again.bundle().getEntry()).extracting(e -> e.getRequest().getUrl() + " " + e.getRequest().getIfNoneExist())
                .isEqualTo(first.bundle().getEntry().stream().map(e -> e.getRequest().getUrl() + " " + e.getRequest().getIfNoneExist()).toList());
        assertThat(again.bundle().getEntryFirstRep().getFullUrl()).isNotEqualTo(first.bundle().getEntryFirstRep().getFullUrl());
    }
}
