package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.NhsNumbers;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.StoredCounts;

/**
 * What an LA's IT officer sees posting a CSV file to {@code $cpis-submit-file}: the guide's template is stored
 * whole, a clinician's lookup of one of its children notifies that child's social worker, and each broken file is
 * refused with every bad row named by row and column and nothing stored.
 */
class FileSubmissionIT extends SharedFhirServer {

    private static final String HEADER = "nhs_number,date_of_birth,plan_type,plan_reference,plan_start,plan_status,"
            + "plan_end,expected_delivery_date,social_worker_id,social_worker_name,social_worker_phone,"
            + "social_worker_email,team_id,team_name\n";
    private static final Path TEMPLATE = Path.of("implementation-guide/templates/cpis-submission-template.csv");

    @Test
    void storesTheGuidesTemplateWholeAndAnswersEachRowAccepted() throws Exception {
        String la = registeredLocalAuthority();

        HttpResponse<String> answer = submit(la, Files.readString(TEMPLATE, StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        OperationOutcome outcome = outcome(answer);
        assertThat(outcome.getIssue()).extracting(i -> i.getLocation().get(0).getValue())
                .containsExactly("row 2", "row 3", "row 4", "row 5");
        assertThat(outcome.getIssue()).extracting(i -> i.getDetails().getCodingFirstRep().getCode()).containsOnly("accepted");
        EpisodeOfCare plan = planOf(la, "CPP-2025-000201");
        assertThat(plan.getCareManager().getReference()).startsWith("Practitioner/");
        assertThat(plan.getTeamFirstRep().getReference()).startsWith("CareTeam/");
        assertThat(planOf(la, "CPP-2024-000150").getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
    }

    @Test
    void resubmittingTheSameFileChangesNothing() throws Exception {
        String la = registeredLocalAuthority();
        String file = HEADER + row(NhsNumbers.random(), "CPP", "P-" + UUID.randomUUID(), "SW-1", "TEAM-1");
        assertThat(submit(la, file).statusCode()).isEqualTo(200);
        Map<String, Integer> before = StoredCounts.of(client);
        before.remove("Provenance");

        HttpResponse<String> again = submit(la, file);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(StoredCounts.of(client)).containsAllEntriesOf(before);
    }

    @Test
    void aClinicianLookupOfAFiledChildNotifiesItsSocialWorker() throws Exception {
        String la = registeredLocalAuthority();
        String child = NhsNumbers.random();
        assertThat(submit(la, HEADER + row(child, "CPP", "P-" + UUID.randomUUID(), "SW-7", "TEAM-7")).statusCode()).isEqualTo(200);

        clientWithToken(TOKENS.token("clinician", "RXX01", AuditCodes.UNSCHEDULED_CARE)).search()
                .byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + child + "&_include=Flag:detail")
                .returnBundle(Bundle.class).execute();

        IGenericClient asLa = clientWithToken(TOKENS.token("local-authority", la, null));
        PractitionerRole worker = (PractitionerRole) asLa.search()
                .byUrl("PractitionerRole?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|SW-7")
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        Bundle toWorker = asLa.search().byUrl("Communication?recipient=" + worker.getIdElement().toUnqualifiedVersionless().getValue())
                .returnBundle(Bundle.class).execute();
        assertThat(toWorker.getEntry()).hasSize(1);
        Communication notification = (Communication) toWorker.getEntryFirstRep().getResource();
        assertThat(notification.getSubject().getIdentifier().getValue()).isEqualTo(child);
        assertThat(notification.getRecipient()).extracting(Reference::getReference)
                .contains(worker.getIdElement().toUnqualifiedVersionless().getValue());
    }

    /** Broken files: each answers 422 with exactly the problems named (row, column, code), and stores nothing. */
    @TestFactory
    Stream<DynamicTest> refusesEachBrokenFileNamingEveryBadRowAndStoresNothing() throws Exception {
        String la = registeredLocalAuthority();
        String valid = NhsNumbers.random();
        String ref = "P-" + UUID.randomUUID();
        return Stream.of(
                broken("an unknown column", "nhs_number,date_of_birth,plan_type,plan_reference,plan_start,plan_status,favourite_colour\n"
                        + valid + ",2019-01-01,CPP," + ref + ",2025-01-06,active,blue\n", "row 1, column favourite_colour"),
                broken("a missing required column", "nhs_number,date_of_birth,plan_type,plan_reference,plan_status\n"
                        + valid + ",2019-01-01,CPP," + ref + ",active\n", "row 1, column plan_start"),
                broken("an invalid NHS number", HEADER + row("9434765871", "CPP", ref, "", ""), "row 2, column nhs_number"),
                broken("a malformed date", HEADER + row(valid, "CPP", ref, "", "").replace("2025-01-06", "06/01/2025"),
                        "row 2, column plan_start"),
                broken("duplicate plan references", HEADER + row(valid, "CPP", ref, "", "") + row(NhsNumbers.random(), "LAC", ref, "", ""),
                        "row 2, column plan_reference", "row 3, column plan_reference"),
                broken("a finished plan without an end", HEADER + row(valid, "CPP", ref, "", "").replace(",active,", ",finished,"),
                        "row 2, column plan_end"),
                broken("a plan starting tomorrow (found by the server's rules)",
                        HEADER + row(valid, "CPP", ref, "", "").replace("2025-01-06", java.time.LocalDate.now().plusDays(2).toString()),
                        "row 2, column plan_start"),
                broken("a bad row and a good row the server's rules refuse: both in one answer",
                        HEADER + row(valid, "CPP", ref, "", "").replace("2025-01-06", "2025-13-06")
                                + row(NhsNumbers.random(), "LAC", "P-" + UUID.randomUUID(), "", "")
                                        .replace("2025-01-06", java.time.LocalDate.now().plusDays(2).toString()),
                        "row 2, column plan_start", "row 3, column plan_start"),
                broken("a row for another local authority", HEADER.replace("team_name\n", "team_name,local_authority\n")
                        + row(valid, "CPP", ref, "", "").replace("\r\n", ",X99\r\n"), "row 2, column local_authority"),
                broken("a formula in a cell is data, never run", HEADER + row(valid, "CPP", "\"=HYPERLINK(\"\"http://x\"\")\"", "", "")
                        .replace("2019-01-01", "=1+1"), "row 2, column date_of_birth"))
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    Map<String, Integer> before = StoredCounts.of(client);

                    HttpResponse<String> answer = submit(la, file.csv());

                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
                    List<String> locations = outcome(answer).getIssue().stream()
                            .map(i -> i.getLocation().get(0).getValue()).toList();
                    assertThat(locations).as(answer.body()).containsAll(file.locations());
                    assertThat(StoredCounts.of(client)).isEqualTo(before);
                }));
    }

    @Test
    void refusesASecondActivePlanOfATypeForAChildAlreadyOnOne() throws Exception {
        String la = registeredLocalAuthority();
        String child = NhsNumbers.random();
        assertThat(submit(la, HEADER + row(child, "CPP", "P-" + UUID.randomUUID(), "", "")).statusCode()).isEqualTo(200);

        HttpResponse<String> second = submit(la, HEADER + row(child, "CPP", "P-" + UUID.randomUUID(), "", ""));

        assertThat(second.statusCode()).as(second.body()).isEqualTo(422);
        assertThat(outcome(second).getIssue()).extracting(i -> i.getLocation().get(0).getValue())
                .contains("row 2, column plan_reference");
        assertThat(second.body()).contains("already has an active plan of this type");
    }

    @Test
    void refusesAFileFromALocalAuthorityThatIsNotRegistered() throws Exception {
        HttpResponse<String> answer = submit("Z" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(),
                HEADER + row(NhsNumbers.random(), "CPP", "P-1", "", ""));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(outcome(answer).getIssueFirstRep().getDiagnostics()).contains("not registered");
    }

    @Test
    void refusesAnotherMediaTypeAnotherRoleAndAFileOverTheLimit() throws Exception {
        String la = registeredLocalAuthority();
        String file = HEADER + row(NhsNumbers.random(), "CPP", "P-1", "", "");
        String url = baseUrl() + "/fhir/$cpis-submit-file";

        assertThat(HttpCalls.send("POST", url, TOKENS.token("local-authority", la, null), "text/plain", file).statusCode())
                .isEqualTo(415);
        assertThat(HttpCalls.send("POST", url, TOKENS.token("local-authority", la, null), "application/fhir+json", "{}")
                .statusCode()).isEqualTo(415);
        assertThat(HttpCalls.send("POST", url, TOKENS.token("clinician", "RXX01", AuditCodes.UNSCHEDULED_CARE), "text/csv", file)
                .statusCode()).isEqualTo(403);
        assertThat(HttpCalls.send("POST", url, null, "text/csv", file).statusCode()).isEqualTo(401);
        String huge = HEADER + "x".repeat(6 * 1024 * 1024);
        assertThat(HttpCalls.send("POST", url, TOKENS.token("local-authority", la, null), "text/csv", huge).statusCode())
                .isEqualTo(413);
    }

    private record BrokenFile(String name, String csv, List<String> locations) {}

    private static BrokenFile broken(String name, String csv, String... locations) {
        return new BrokenFile(name, csv, List.of(locations));
    }

    private static String row(String nhs, String type, String reference, String worker, String team) {
        return String.join(",", nhs, "2019-01-01", type, reference, "2025-01-06", "active", "", "",
                worker, worker.isEmpty() ? "" : "Worker " + worker, worker.isEmpty() ? "" : "0113 000 0001",
                worker.isEmpty() ? "" : worker.toLowerCase() + "@la.example.gov.uk",
                team, team.isEmpty() ? "" : "Team " + team) + "\r\n";
    }

    /** A fresh LA, registered the way the guide says: one FHIR submission carrying its Organization. */
    private String registeredLocalAuthority() {
        ChildSubmission first = new ChildSubmission();
        clientWithToken(TOKENS.token("local-authority", first.odsCode, null)).transaction()
                .withBundle(first.transaction()).execute();
        return first.odsCode;
    }

    private HttpResponse<String> submit(String odsCode, String csv) throws Exception {
        return HttpCalls.send("POST", baseUrl() + "/fhir/$cpis-submit-file", TOKENS.token("local-authority", odsCode, null),
                "text/csv; charset=utf-8", csv);
    }

    private EpisodeOfCare planOf(String odsCode, String reference) {
        Bundle found = client.search().byUrl("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + reference
                        + "&organization:Organization.identifier=" + Identifiers.ODS_CODE + "|" + odsCode)
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        return (EpisodeOfCare) found.getEntryFirstRep().getResource();
    }

    private static OperationOutcome outcome(HttpResponse<String> answer) {
        return (OperationOutcome) FHIR.newJsonParser().parseResource(answer.body());
    }
}
