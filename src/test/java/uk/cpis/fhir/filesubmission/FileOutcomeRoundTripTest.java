package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

/**
 * The server's answer and the LA's report share one format: an OperationOutcome built from a file's problems (or
 * its stored rows), sent as JSON, reads back into the same problems and into the report's lines.
 */
class FileOutcomeRoundTripTest {

    private static final List<FileProblem> PROBLEMS = List.of(
            new FileProblem(0, null, FileResult.REJECTED, "The file's rows make 2100 records"),
            new FileProblem(1, "notes", FileResult.REJECTED, "Unknown column 'notes'"),
            new FileProblem(3, "nhs_number", FileResult.NHS_NUMBER_INVALID, "nhs_number is not a valid NHS number"),
            new FileProblem(3, "plan_start", FileResult.REJECTED, "plan_start '06/01/2025' is not a date"),
            new FileProblem(4, null, FileResult.REJECTED, "The row has 5 cells but the header has 14"),
            new FileProblem(5, "plan_start", FileResult.REJECTED, "period.start 2027-01-01 is in the future",
                    "Bundle.entry[9].resource.period.start"));

    private static OperationOutcome overTheWire(OperationOutcome outcome) {
        FhirContext fhir = FhirContext.forR4Cached();
        return (OperationOutcome) fhir.newJsonParser().parseResource(fhir.newJsonParser().encodeResourceToString(outcome));
    }

    @Test
    void refusalCarriesEachProblemsPlaceResultAndFhirPath() {
        OperationOutcome outcome = FileOutcomeBuilder.refused(PROBLEMS);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssue().get(5);
        assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.ERROR);
        assertThat(issue.getLocation().get(0).getValue()).isEqualTo("row 5, column plan_start");
        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Bundle.entry[9].resource.period.start");
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(FileResult.SYSTEM);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("rejected");
        assertThat(outcome.getIssue().get(2).getCode()).isEqualTo(IssueType.VALUE);
        assertThat(outcome.getIssue().get(2).getDetails().getCodingFirstRep().getCode()).isEqualTo("nhs-number-invalid");
        assertThat(outcome.getIssue().get(0).getLocation().get(0).getValue()).isEqualTo("row 0");
        assertThat(outcome.getIssue().get(0).hasExpression()).isFalse();
    }

    @Test
    void refusalReadsBackIntoTheSameProblems() {
        FileOutcomeParser.ParsedOutcome parsed = FileOutcomeParser.parse(overTheWire(FileOutcomeBuilder.refused(PROBLEMS)));
        assertThat(parsed.problems()).isEqualTo(PROBLEMS);
        assertThat(parsed.refused()).isTrue();
        assertThat(parsed.judged()).isTrue();
        assertThat(parsed.acceptedRows()).isEmpty();
    }

    @Test
    void acceptanceReadsBackIntoTheStoredRows() {
        OperationOutcome outcome = overTheWire(FileOutcomeBuilder.accepted(List.of(3, 2, 4)));
        assertThat(outcome.getIssue()).allSatisfy(i -> assertThat(i.getSeverity()).isEqualTo(IssueSeverity.INFORMATION));
        assertThat(outcome.getIssue().get(0).getLocation().get(0).getValue()).isEqualTo("row 2");
        FileOutcomeParser.ParsedOutcome parsed = FileOutcomeParser.parse(outcome);
        assertThat(parsed.refused()).isFalse();
        assertThat(parsed.judged()).isTrue();
        assertThat(parsed.acceptedRows()).containsExactly(2, 3, 4);
    }

    @Test
    void refusalBecomesReportLinesWithEveryOtherRowNotStored() {
        List<RowKey> rows = List.of(new RowKey(2, "CPP-1", "9434765005"), new RowKey(3, "CPP-2", "123"),
                new RowKey(4, "CPP-3", ""), new RowKey(5, "CPP-4", "9434765021"));
        List<ReportLine> lines = FileOutcomeParser.reportLines(overTheWire(FileOutcomeBuilder.refused(PROBLEMS)), rows, false);
        assertThat(lines).extracting(ReportLine::row, ReportLine::planReference, ReportLine::nhsNumber,
                        l -> l.result().code(), ReportLine::column)
                .containsExactly(
                        tuple(0, "", "", "rejected", ""),
                        tuple(1, "", "", "rejected", "notes"),
                        tuple(2, "CPP-1", "9434765005", "not-stored", ""),
                        tuple(3, "CPP-2", "123", "nhs-number-invalid", "nhs_number"),
                        tuple(3, "CPP-2", "123", "rejected", "plan_start"),
                        tuple(4, "CPP-3", "", "rejected", ""),
                        tuple(5, "CPP-4", "9434765021", "rejected", "plan_start"));
        assertThat(lines.get(2).problem()).isEqualTo("the file was refused as a whole: nothing was stored");
    }

    @Test
    void acceptanceBecomesOneAcceptedLinePerRow() {
        List<RowKey> rows = List.of(new RowKey(2, "CPP-1", "9434765005"), new RowKey(3, "CPP-2", "9434765013"));
        List<ReportLine> lines = FileOutcomeParser.reportLines(overTheWire(FileOutcomeBuilder.accepted(List.of(2, 3))), rows, true);
        assertThat(lines).extracting(ReportLine::row, l -> l.result().code(), ReportLine::column, ReportLine::problem)
                .containsExactly(tuple(2, "accepted", "", ""), tuple(3, "accepted", "", ""));
    }

    @Test
    void anErrorWithoutAFileResultIsAProblemWithTheWholeFile() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.PROCESSING).setDiagnostics("Database unavailable");
        outcome.addIssue().setSeverity(IssueSeverity.WARNING).setCode(IssueType.INFORMATIONAL).setDiagnostics("Slow today");
        FileOutcomeParser.ParsedOutcome parsed = FileOutcomeParser.parse(outcome);
        assertThat(parsed.judged()).isFalse();
        assertThat(parsed.problems()).containsExactly(
                new FileProblem(0, null, FileResult.REJECTED, "Database unavailable"));
    }
}
