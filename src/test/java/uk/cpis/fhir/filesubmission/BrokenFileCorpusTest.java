package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static uk.cpis.fhir.filesubmission.SubmissionFiles.file;
import static uk.cpis.fhir.filesubmission.SubmissionFiles.row;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Broken files, each with the exact problems it must get (row, column, result code): the file's, the header's,
 * each row's and those between rows. Every problem of a file is reported, not the first.
 */
class BrokenFileCorpusTest {

    private static final String REJECTED = "rejected";

    private static FileConversion assertProblems(String file, Tuple... expected) {
        return assertProblems(file, SubmissionFileLimits.DEFAULT, expected);
    }

    private static FileConversion assertProblems(String file, SubmissionFileLimits limits, Tuple... expected) {
        FileConversion conversion = SubmissionFiles.convert(file, limits);
        assertThat(conversion.problems())
                .extracting(FileProblem::row, FileProblem::column, p -> p.result().code())
                .containsExactlyInAnyOrder(expected);
        assertThat(conversion.bundleToSubmit()).isEmpty();
        return conversion;
    }

    // The file as a whole (row 0) and its header (row 1)

    @Test
    void rejectsUnknownColumnByName() {
        String text = SubmissionFiles.HEADER + ",notes\n" + row(0).line() + ",call first\n";
        FileConversion conversion = assertProblems(text, tuple(1, "notes", REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("Unknown column 'notes'");
    }

    @Test
    void hintsAtTheLowerCaseNameOfAColumnWrittenInCapitals() {
        String text = SubmissionFiles.HEADER.replace("nhs_number", "NHS Number") + "\n" + row(0).line() + "\n";
        FileConversion conversion = assertProblems(text,
                tuple(1, "NHS Number", REJECTED), tuple(1, "nhs_number", REJECTED));
        assertThat(conversion.problems()).anySatisfy(p -> assertThat(p.message()).contains("did you mean nhs_number?"));
    }

    @Test
    void rejectsARowForAnotherLocalAuthority() {
        String text = SubmissionFiles.file(row(0).set(FileColumn.LOCAL_AUTHORITY, SubmissionFiles.ODS_CODE),
                row(1).set(FileColumn.LOCAL_AUTHORITY, "X99"));
        FileConversion conversion = assertProblems(text, tuple(3, "local_authority", REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("'X99'").contains(SubmissionFiles.ODS_CODE);
    }

    @Test
    void rejectsMissingRequiredColumn() {
        String text = "nhs_number,date_of_birth,plan_type,plan_reference,plan_start\n"
                + "9434765870,2019-11-30,CPP,CPP-1,2025-01-06\n";
        assertProblems(text, tuple(1, "plan_status", REJECTED));
    }

    @Test
    void rejectsDuplicatedColumn() {
        String text = SubmissionFiles.HEADER + ",team_name\n" + row(0).line() + ",East\n";
        FileConversion conversion = assertProblems(text, tuple(1, "team_name", REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("columns 14 and 16");
    }

    @Test
    void rejectsHeaderColumnWithoutName() {
        String text = SubmissionFiles.HEADER + ",\n" + row(0).line() + ",\n";
        assertProblems(text, tuple(1, null, REJECTED));
    }

    @Test
    void rejectsFileLargerThanTheSizeLimit() {
        String text = file(row(0), row(1));
        FileConversion conversion = assertProblems(text, new SubmissionFileLimits(100, 10, 100), tuple(0, null, REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("larger than the 100 bytes");
        assertThat(conversion.rows()).isEmpty();
    }

    @Test
    void rejectsFileWithMoreRowsThanTheRowLimit() {
        String text = file(row(0), row(1), row(2).set(FileColumn.PLAN_START, "bad"));
        FileConversion conversion = assertProblems(text, new SubmissionFileLimits(1_000_000, 2, 100), tuple(0, null, REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("more than 2 rows");
    }

    @Test
    void rejectsFileWhoseRowsMakeMoreEntriesThanOneBundleMayHold() {
        // Two rows: two patients, two plans, two flags = 6 entries; the server allows 5 here.
        FileConversion conversion = assertProblems(file(row(0), row(1)),
                new SubmissionFileLimits(1_000_000, 2, 5), tuple(0, null, REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("make 6 records", "more than the 5");
    }

    @Test
    void rowLimitForAServerFollowsItsEntryLimit() {
        SubmissionFileLimits limits = SubmissionFileLimits.forBundleEntryLimit(1_000_000, 2000);
        assertThat(limits.maxRows()).isEqualTo(1000);
        assertThat(limits.maxEntries()).isEqualTo(2000);
    }

    @Test
    void rejectsEmptyFile() {
        assertProblems("", tuple(0, null, REJECTED));
        assertProblems("\uFEFF\r\n", tuple(0, null, REJECTED));
    }

    @Test
    void rejectsHeaderWithoutDataRows() {
        FileConversion conversion = assertProblems(SubmissionFiles.HEADER + "\r\n", tuple(0, null, REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("no data rows");
    }

    @Test
    void rejectsRaggedRowWithoutCheckingItsShiftedCells() {
        String text = SubmissionFiles.HEADER + "\n" + row(0).line() + "\n9434765013,2018-04-11,CPP,CPP-1,2025-01-06\n";
        FileConversion conversion = assertProblems(text, tuple(3, null, REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("5 cells but the header has 15");
    }

    @Test
    void rejectsUnclosedQuoteAndStillChecksTheRowsBeforeIt() {
        String text = SubmissionFiles.HEADER + "\n" + row(0).set(FileColumn.PLAN_START, "2025-1-6").line()
                + "\n" + row(1).line().replace("CPP-1", "\"CPP-1") + "\n" + row(2).line() + "\n";
        assertProblems(text, tuple(2, "plan_start", REJECTED), tuple(3, null, REJECTED));
    }

    // Each row on its own

    @Test
    void rejectsRowWithMalformedStartDate() {
        FileConversion conversion = assertProblems(file(row(0).set(FileColumn.PLAN_START, "06/01/2025")),
                tuple(2, "plan_start", REJECTED));
        assertThat(conversion.problems().get(0).message()).contains("YYYY-MM-DD");
    }

    @Test
    void rejectsDateThatDoesNotExist() {
        assertProblems(file(row(0).set(FileColumn.DATE_OF_BIRTH, "2023-02-29")), tuple(2, "date_of_birth", REJECTED));
    }

    @Test
    void rejectsDateWithTime() {
        assertProblems(file(row(0).set(FileColumn.PLAN_START, "2025-01-06T10:00:00")), tuple(2, "plan_start", REJECTED));
    }

    @Test
    void rejectsNhsNumberWithWrongCheckDigitAsNhsNumberInvalid() {
        assertProblems(file(row(0).set(FileColumn.NHS_NUMBER, "9434765871")), tuple(2, "nhs_number", "nhs-number-invalid"));
    }

    @Test
    void rejectsNhsNumberWithSpacesAsNhsNumberInvalid() {
        FileConversion conversion = assertProblems(file(row(0).set(FileColumn.NHS_NUMBER, "943 476 5870")),
                tuple(2, "nhs_number", "nhs-number-invalid"));
        assertThat(conversion.problems().get(0).message()).contains("without spaces");
    }

    @Test
    void rejectsEmptyRequiredCell() {
        assertProblems(file(row(0).set(FileColumn.PLAN_REFERENCE, "").set(FileColumn.NHS_NUMBER, "")),
                tuple(2, "plan_reference", REJECTED), tuple(2, "nhs_number", REJECTED));
    }

    @Test
    void rejectsUnknownPlanTypeAndStatus() {
        assertProblems(file(row(0).set(FileColumn.PLAN_TYPE, "cpp").set(FileColumn.PLAN_STATUS, "closed")),
                tuple(2, "plan_type", REJECTED), tuple(2, "plan_status", REJECTED));
    }

    @Test
    void rejectsFinishedPlanWithoutEnd() {
        assertProblems(file(row(0).set(FileColumn.PLAN_STATUS, "finished")), tuple(2, "plan_end", REJECTED));
    }

    @Test
    void rejectsEndBeforeStart() {
        assertProblems(file(row(0).set(FileColumn.PLAN_STATUS, "finished").set(FileColumn.PLAN_END, "2024-12-31")),
                tuple(2, "plan_end", REJECTED));
    }

    @Test
    void rejectsEndOnActivePlan() {
        assertProblems(file(row(0).set(FileColumn.PLAN_END, "2025-06-30")), tuple(2, "plan_end", REJECTED));
    }

    @Test
    void rejectsUnbornPlanWithoutExpectedDeliveryDate() {
        assertProblems(file(row(0).set(FileColumn.PLAN_TYPE, "UNBORN")), tuple(2, "expected_delivery_date", REJECTED));
    }

    @Test
    void rejectsExpectedDeliveryDateOnChildProtectionPlan() {
        assertProblems(file(row(0).set(FileColumn.EXPECTED_DELIVERY_DATE, "2027-02-10")),
                tuple(2, "expected_delivery_date", REJECTED));
    }

    @Test
    void rejectsSocialWorkerIdWithoutName() {
        assertProblems(file(row(0).socialWorker("SW1", "", "0113 000 0000", "")), tuple(2, "social_worker_name", REJECTED));
    }

    @Test
    void rejectsSocialWorkerDetailsWithoutId() {
        assertProblems(file(row(0).socialWorker("", "Sam Okafor", "0113 000 0000", "")), tuple(2, "social_worker_id", REJECTED));
    }

    @Test
    void rejectsSocialWorkerWithNeitherPhoneNorEmail() {
        assertProblems(file(row(0).socialWorker("SW1", "Sam Okafor", "", "")), tuple(2, "social_worker_phone", REJECTED));
    }

    @Test
    void rejectsMalformedPhoneAndEmail() {
        assertProblems(file(row(0).socialWorker("SW1", "Sam Okafor", "call the office", "sam.okafor")),
                tuple(2, "social_worker_phone", REJECTED), tuple(2, "social_worker_email", REJECTED));
    }

    @Test
    void rejectsTeamNameWithoutIdAndTeamIdWithoutName() {
        assertProblems(file(row(0).team("", "East"), row(1).team("T1", "")),
                tuple(2, "team_id", REJECTED), tuple(3, "team_name", REJECTED));
    }

    @Test
    void rejectsReferenceThatCannotBeAConditionalKey() {
        assertProblems(file(row(0).set(FileColumn.PLAN_REFERENCE, "CPP 1,2"), row(1).set(FileColumn.PLAN_REFERENCE, "x".repeat(65))),
                tuple(2, "plan_reference", REJECTED), tuple(3, "plan_reference", REJECTED));
    }

    // Rows against each other

    @Test
    void rejectsDuplicatePlanReferencesOnBothRows() {
        FileConversion conversion = assertProblems(file(row(0), row(1).set(FileColumn.PLAN_REFERENCE, "CPP-0")),
                tuple(2, "plan_reference", REJECTED), tuple(3, "plan_reference", REJECTED));
        assertThat(conversion.problems()).allSatisfy(p -> assertThat(p.message()).contains("rows 2 and 3"));
    }

    @Test
    void rejectsOneNhsNumberWithTwoDatesOfBirth() {
        assertProblems(file(row(0), row(1).set(FileColumn.NHS_NUMBER, SubmissionFiles.NHS_NUMBERS.get(0))
                        .set(FileColumn.PLAN_TYPE, "LAC")),
                tuple(2, "date_of_birth", REJECTED), tuple(3, "date_of_birth", REJECTED));
    }

    @Test
    void rejectsSameSocialWorkerIdWithTwoNames() {
        assertProblems(file(row(0).socialWorker("SW1", "Sam Okafor", "0113 000 0000", ""),
                        row(1).socialWorker("SW1", "Samuel Okafor", "0113 000 0000", "")),
                tuple(2, "social_worker_name", REJECTED), tuple(3, "social_worker_name", REJECTED));
    }

    @Test
    void rejectsSameSocialWorkerIdWithTwoPhonesOrEmails() {
        assertProblems(file(row(0).socialWorker("SW1", "Sam Okafor", "0113 000 0000", "sam@example.gov.uk"),
                        row(1).socialWorker("SW1", "Sam Okafor", "0113 000 0001", "")),
                tuple(2, "social_worker_phone", REJECTED), tuple(3, "social_worker_phone", REJECTED),
                tuple(2, "social_worker_email", REJECTED), tuple(3, "social_worker_email", REJECTED));
    }

    @Test
    void rejectsSameTeamIdWithTwoNames() {
        assertProblems(file(row(0).team("T1", "East"), row(1).team("T1", "West")),
                tuple(2, "team_name", REJECTED), tuple(3, "team_name", REJECTED));
    }

    @Test
    void rejectsTwoActivePlansOfOneTypeForOneChild() {
        String nhs = SubmissionFiles.NHS_NUMBERS.get(0);
        assertProblems(file(row(0), row(1).set(FileColumn.NHS_NUMBER, nhs).set(FileColumn.DATE_OF_BIRTH, "2018-04-10")),
                tuple(2, "plan_status", REJECTED), tuple(3, "plan_status", REJECTED));
    }

    @Test
    void acceptsAFinishedPlanAndANewActiveOneForOneChild() {
        String nhs = SubmissionFiles.NHS_NUMBERS.get(0);
        FileConversion conversion = SubmissionFiles.convert(file(
                row(0).set(FileColumn.PLAN_STATUS, "finished").set(FileColumn.PLAN_END, "2025-02-01"),
                row(1).set(FileColumn.NHS_NUMBER, nhs).set(FileColumn.DATE_OF_BIRTH, "2018-04-10")
                        .set(FileColumn.PLAN_START, "2025-03-01")));
        assertThat(conversion.problems()).isEmpty();
        assertThat(conversion.bundle().getEntry()).hasSize(5); // one Patient, two plans, two flags
    }

    // The whole file

    @Test
    void reportsEveryProblemOfTheFileNotTheFirst() {
        String text = SubmissionFiles.HEADER + ",notes\n"
                + row(0).set(FileColumn.NHS_NUMBER, "123").set(FileColumn.PLAN_START, "yesterday").line() + ",\n"
                + row(1).line() + ",\n"
                + row(2).set(FileColumn.PLAN_TYPE, "UNBORN").line() + ",\n"
                + row(3).set(FileColumn.PLAN_REFERENCE, "CPP-1").line() + ",\n";
        assertProblems(text,
                tuple(1, "notes", REJECTED),
                tuple(2, "nhs_number", "nhs-number-invalid"), tuple(2, "plan_start", REJECTED),
                tuple(3, "plan_reference", REJECTED),
                tuple(4, "expected_delivery_date", REJECTED),
                tuple(5, "plan_reference", REJECTED));
    }

    @Test
    void rowsWithoutProblemsAreStillConvertedForValidationButNotForStoring() {
        FileConversion conversion = SubmissionFiles.convert(file(row(0), row(1).set(FileColumn.PLAN_START, "bad")));
        assertThat(conversion.hasProblems()).isTrue();
        assertThat(conversion.bundleToSubmit()).isEmpty();
        assertThat(conversion.bundle().getEntry()).hasSize(3);
        assertThat(conversion.locator().entryRows().values()).allSatisfy(rows -> assertThat(rows).containsExactly(2));
    }
}
