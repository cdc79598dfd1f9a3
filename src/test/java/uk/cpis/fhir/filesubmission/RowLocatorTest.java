package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract.Extensions;

/**
 * A server problem's FHIRPath, in the bundle made from the template, names the rows and the column the LA must fix.
 * The template's bundle: 0-1 Practitioners (SW-0042 row 2, SW-0107 row 4), 2-3 their posts (phone and e-mail; e-mail
 * only), 4 the team (rows 2, 4, 5), 5-8 the Patients (rows 2-5), then each row's plan and flag (9-10 row 2, 11-12
 * row 3, 13-14 row 4, the unborn plan, 15-16 row 5).
 */
class RowLocatorTest {

    private static RowLocator locator;

    @BeforeAll
    static void convertTheTemplate() throws IOException {
        byte[] template = Files.readAllBytes(Path.of("implementation-guide/templates/cpis-submission-template.csv"));
        locator = new SubmissionFileConverter(SubmissionFileLimits.DEFAULT).convert(template, "383").locator();
    }

    private static void assertLocates(String fhirPath, List<Integer> rows, String column) {
        assertThat(locator.locate(fhirPath)).as(fhirPath).hasValue(new RowLocator.RowLocation(rows, column));
    }

    @Test
    void locatesPlanElementsToTheirColumns() {
        assertLocates("Bundle.entry[9].resource.period.start", List.of(2), "plan_start");
        assertLocates("Bundle.entry[9].resource.period.end", List.of(2), "plan_end");
        assertLocates("Bundle.entry[9].resource.status", List.of(2), "plan_status");
        assertLocates("Bundle.entry[9].resource.identifier[0].value", List.of(2), "plan_reference");
        assertLocates("Bundle.entry[9].resource.type[0].coding[0]", List.of(2), "plan_type");
        assertLocates("Bundle.entry[9].resource.careManager", List.of(2), "social_worker_id");
        assertLocates("Bundle.entry[9].resource.team[0]", List.of(2), "team_id");
        assertLocates("Bundle.entry[9].resource.patient", List.of(2), "nhs_number");
    }

    @Test
    void locatesPlanExtensionsByIndexUrlOrSliceName() {
        assertLocates("Bundle.entry[13].resource.extension[0].value.ofType(date)", List.of(4), "expected_delivery_date");
        assertLocates("Bundle.entry[13].resource.extension[1]", List.of(4), "social_worker_id");
        assertLocates("Bundle.entry[9].resource.extension[0]", List.of(2), "social_worker_id");
        assertLocates("Bundle.entry[9].resource.extension('" + Extensions.EXPECTED_DELIVERY_DATE + "')", List.of(2),
                "expected_delivery_date");
        assertLocates("Bundle.entry[13].resource.extension:careManagerRole.value", List.of(4), "social_worker_id");
    }

    @Test
    void locatesAnEntryRequestToTheColumnItIsKeyedOn() {
        assertLocates("Bundle.entry[9].request.url", List.of(2), "plan_reference");
        assertLocates("Bundle.entry[10].request.url", List.of(2), "plan_reference");
        assertLocates("Bundle.entry[5].request.ifNoneExist", List.of(2), "nhs_number");
        assertLocates("Bundle.entry[0].request.url", List.of(2), "social_worker_id");
        assertLocates("Bundle.entry[4].request.url", List.of(2, 4, 5), "team_id");
    }

    @Test
    void locatesAWholeEntryToItsRowsWithoutAColumn() {
        assertLocates("Bundle.entry[9]", List.of(2), null);
        assertLocates("Bundle.entry[9].resource", List.of(2), null);
        assertLocates("Bundle.entry[9].fullUrl", List.of(2), null);
    }

    @Test
    void locatesPatientElements() {
        assertLocates("Bundle.entry[5].resource.identifier[0].value", List.of(2), "nhs_number");
        assertLocates("Bundle.entry[7].resource.birthDate", List.of(4), "date_of_birth");
        assertLocates("Bundle.entry[7].resource.gender", List.of(4), null);
    }

    @Test
    void locatesSocialWorkerAndPostElements() {
        assertLocates("Bundle.entry[0].resource.name[0].text", List.of(2), "social_worker_name");
        assertLocates("Bundle.entry[0].resource.identifier[0].value", List.of(2), "social_worker_id");
        assertLocates("Bundle.entry[0].resource.identifier[0].assigner", List.of(2), null);
        assertLocates("Bundle.entry[2].resource.telecom[0].value", List.of(2), "social_worker_phone");
        assertLocates("Bundle.entry[2].resource.telecom[1].value", List.of(2), "social_worker_email");
        assertLocates("Bundle.entry[3].resource.telecom[0]", List.of(4), "social_worker_email");
        assertLocates("Bundle.entry[3].resource.telecom", List.of(4), "social_worker_email");
        assertLocates("Bundle.entry[2].resource.telecom", List.of(2), null);
        assertLocates("Bundle.entry[2].resource.practitioner", List.of(2), "social_worker_id");
    }

    @Test
    void locatesTeamElementsToEveryRowOfTheTeam() {
        assertLocates("Bundle.entry[4].resource.name", List.of(2, 4, 5), "team_name");
        assertLocates("Bundle.entry[4].resource.identifier[0]", List.of(2, 4, 5), "team_id");
    }

    @Test
    void locatesFlagElementsToThePlanRowAndColumn() {
        assertLocates("Bundle.entry[16].resource.period.end", List.of(5), "plan_end");
        assertLocates("Bundle.entry[16].resource.status", List.of(5), "plan_status");
        assertLocates("Bundle.entry[10].resource.code", List.of(2), "plan_type");
        assertLocates("Bundle.entry[10].resource.subject", List.of(2), "nhs_number");
        assertLocates("Bundle.entry[10].resource.extension[0]", List.of(2), null);
        assertLocates("Bundle.entry[10].resource.category[1]", List.of(2), null);
    }

    @Test
    void ignoresTheValidatorsTypeCommentsInALocation() {
        assertLocates("Bundle.entry[9].resource/*EpisodeOfCare/null*/.period.start", List.of(2), "plan_start");
        assertLocates("Bundle.entry[9].resource.ofType(EpisodeOfCare).status", List.of(2), "plan_status");
    }

    @Test
    void locatesNothingOutsideTheEntries() {
        assertThat(locator.locate("Bundle")).isEmpty();
        assertThat(locator.locate("Bundle.entry")).isEmpty();
        assertThat(locator.locate("Bundle.entry[99].resource")).isEmpty();
        assertThat(locator.locate(null)).isEmpty();
    }

    @Test
    void turnsAServerProblemIntoOneProblemPerRowKeepingTheFhirPath() {
        assertThat(locator.problemsAt("Bundle.entry[4].resource.name", "The team's name is too long"))
                .extracting(FileProblem::row, FileProblem::column, FileProblem::result, FileProblem::expression)
                .containsExactly(
                        tuple(2, "team_name", FileResult.REJECTED, "Bundle.entry[4].resource.name"),
                        tuple(4, "team_name", FileResult.REJECTED, "Bundle.entry[4].resource.name"),
                        tuple(5, "team_name", FileResult.REJECTED, "Bundle.entry[4].resource.name"));
        assertThat(locator.problemsAt("Bundle.entry", "A submission carries at most one Organization"))
                .extracting(FileProblem::row, FileProblem::column, FileProblem::expression)
                .containsExactly(tuple(0, null, "Bundle.entry"));
    }

    @Test
    void namesTheRowsOfEachEntry() {
        assertThat(locator.rowsOf(4)).containsExactly(2, 4, 5);
        assertThat(locator.rowsOf(13)).containsExactly(4);
        assertThat(locator.rowsOf(17)).isEmpty();
    }
}
