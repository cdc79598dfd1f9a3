package uk.cpis.fhir.filesubmission;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.FlagCategories;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.contract.CpisContract.Profiles;
import uk.cpis.fhir.contract.CpisContract.StaffRoles;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * The template the guide publishes ({@code implementation-guide/templates/cpis-submission-template.csv}) converts
 * with no problem into the bundle the LA submission guide describes: its four example plans (an active CPP with a
 * social worker and team, a LAC with neither, an UNBORN plan with its expected delivery date, a finished CPP).
 */
class TemplateRoundTripTest {

    private static final Path TEMPLATE = Path.of("implementation-guide/templates/cpis-submission-template.csv");
    private static final String LA = "Organization?identifier=" + Identifiers.ODS_CODE + "|" + SubmissionFiles.ODS_CODE;

    private static FileConversion template() throws IOException {
        return new SubmissionFileConverter(SubmissionFileLimits.DEFAULT)
                .convert(Files.readAllBytes(TEMPLATE), SubmissionFiles.ODS_CODE);
    }

    @Test
    void templateHeaderNamesEveryColumnInOrder() throws IOException {
        String header = Files.readAllLines(TEMPLATE).get(0);
        assertThat(header).isEqualTo(SubmissionFiles.HEADER);
    }

    @Test
    void templateExamplesUseValidNhsNumbers() throws IOException {
        assertThat(template().rows()).hasSize(4)
                .allSatisfy(row -> assertThat(NhsNumber.isValid(row.nhsNumber())).isTrue());
    }

    @Test
    void templateConvertsWithNoProblem() throws IOException {
        FileConversion conversion = template();
        assertThat(conversion.problems()).isEmpty();
        assertThat(conversion.bundleToSubmit()).isPresent();
    }

    @Test
    void templateBecomesWorkersRolesTeamsPatientsThenEachPlanAndItsFlag() throws IOException {
        Bundle bundle = template().bundle();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getMeta().hasProfile(Profiles.SUBMISSION)).isTrue();
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly(
                "Practitioner", "Practitioner", "PractitionerRole", "PractitionerRole", "CareTeam",
                "Patient", "Patient", "Patient", "Patient",
                "EpisodeOfCare", "Flag", "EpisodeOfCare", "Flag", "EpisodeOfCare", "Flag", "EpisodeOfCare", "Flag");
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith("urn:uuid:"));
        assertThat(bundle.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl).doesNotHaveDuplicates();
        assertThat(bundle.getEntry()).noneMatch(e -> e.getResource().fhirType().equals("Organization"));
    }

    @Test
    void activePlanWithSocialWorkerAndTeamPointsAtThemByFullUrl() throws IOException {
        Bundle bundle = template().bundle();
        EpisodeOfCare plan = (EpisodeOfCare) bundle.getEntry().get(9).getResource();
        assertThat(bundle.getEntry().get(9).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(bundle.getEntry().get(9).getRequest().getUrl())
                .isEqualTo("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|CPP-2025-000201");
        assertThat(plan.getMeta().hasProfile(Profiles.EPISODE_OF_CARE)).isTrue();
        assertThat(plan.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
        assertThat(plan.getTypeFirstRep().getCodingFirstRep().getSystem()).isEqualTo(PlanTypes.SNOMED);
        assertThat(plan.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo(PlanTypes.CHILD_PROTECTION_PLAN);
        assertThat(plan.getTypeFirstRep().getCodingFirstRep().getDisplay()).isEqualTo("Subject to child protection plan");
        assertThat(plan.getPatient().getReference()).isEqualTo(fullUrlOf(bundle, Patient.class, 0));
        assertThat(plan.getManagingOrganization().getReference()).isEqualTo(LA);
        assertThat(plan.getPeriod().getStartElement().getValueAsString()).isEqualTo("2025-01-06");
        assertThat(plan.getPeriod().hasEnd()).isFalse();
        assertThat(plan.getCareManager().getReference()).isEqualTo(fullUrlOf(bundle, Practitioner.class, 0));
        assertThat(((Reference) plan.getExtensionByUrl(Extensions.CARE_MANAGER_ROLE).getValue()).getReference())
                .isEqualTo(fullUrlOf(bundle, PractitionerRole.class, 0));
        assertThat(plan.getTeamFirstRep().getReference()).isEqualTo(fullUrlOf(bundle, CareTeam.class, 0));
        assertThat(plan.getExtensionByUrl(Extensions.EXPECTED_DELIVERY_DATE)).isNull();
    }

    @Test
    void flagAgreesWithItsPlan() throws IOException {
        Bundle bundle = template().bundle();
        EpisodeOfCare plan = (EpisodeOfCare) bundle.getEntry().get(9).getResource();
        Flag flag = (Flag) bundle.getEntry().get(10).getResource();
        assertThat(bundle.getEntry().get(10).getRequest().getUrl())
                .isEqualTo("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|CPP-2025-000201");
        assertThat(flag.getMeta().hasProfile(Profiles.FLAG)).isTrue();
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getCategory()).extracting(c -> c.getCodingFirstRep().getSystem() + "#" + c.getCodingFirstRep().getCode())
                .containsExactly(FlagCategories.NHS_SYSTEM + "#" + FlagCategories.NHS_CODE,
                        FlagCategories.CORE_SYSTEM + "#" + FlagCategories.CORE_CODE);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo(PlanTypes.CHILD_PROTECTION_PLAN);
        assertThat(flag.getSubject().getReference()).isEqualTo(plan.getPatient().getReference());
        assertThat(flag.getAuthor().getReference()).isEqualTo(LA);
        assertThat(flag.getPeriod().getStartElement().getValueAsString()).isEqualTo("2025-01-06");
        assertThat(((Reference) flag.getExtensionByUrl(Extensions.FLAG_DETAIL).getValue()).getReference())
                .isEqualTo(bundle.getEntry().get(9).getFullUrl());
        assertThat(flag.getIdentifierFirstRep().getValue()).isEqualTo("CPP-2025-000201");
    }

    @Test
    void socialWorkerIsAPractitionerAndAPostKeyedOnTheStaffIdentifier() throws IOException {
        Bundle bundle = template().bundle();
        Practitioner worker = (Practitioner) bundle.getEntry().get(0).getResource();
        assertThat(bundle.getEntry().get(0).getRequest().getUrl())
                .isEqualTo("Practitioner?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|SW-0042");
        assertThat(worker.getMeta().hasProfile(Profiles.SOCIAL_WORKER)).isTrue();
        assertThat(worker.getActive()).isTrue();
        assertThat(worker.getIdentifierFirstRep().getSystem()).isEqualTo(Identifiers.LOCAL_AUTHORITY_STAFF);
        assertThat(worker.getIdentifierFirstRep().getAssigner().getReference()).isEqualTo(LA);
        assertThat(worker.getNameFirstRep().getText()).isEqualTo("Sam Okafor");

        PractitionerRole post = (PractitionerRole) bundle.getEntry().get(2).getResource();
        assertThat(bundle.getEntry().get(2).getRequest().getUrl())
                .isEqualTo("PractitionerRole?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|SW-0042");
        assertThat(post.getMeta().hasProfile(Profiles.SOCIAL_WORKER_ROLE)).isTrue();
        assertThat(post.getActive()).isTrue();
        assertThat(post.getPractitioner().getReference()).isEqualTo(bundle.getEntry().get(0).getFullUrl());
        assertThat(post.getOrganization().getReference()).isEqualTo(LA);
        assertThat(post.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo(StaffRoles.SOCIAL_WORKER);
        assertThat(post.getTelecom()).extracting(ContactPoint::getSystem, ContactPoint::getUse, ContactPoint::getValue)
                .containsExactly(
                        tuple(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointUse.WORK, "0113 378 0000"),
                        tuple(ContactPoint.ContactPointSystem.EMAIL, ContactPoint.ContactPointUse.WORK, "sam.okafor@example.gov.uk"));

        PractitionerRole emailOnly = (PractitionerRole) bundle.getEntry().get(3).getResource();
        assertThat(emailOnly.getTelecom()).extracting(ContactPoint::getSystem).containsExactly(ContactPoint.ContactPointSystem.EMAIL);
    }

    @Test
    void teamSharedByThreeRowsIsOneCareTeam() throws IOException {
        FileConversion conversion = template();
        CareTeam team = (CareTeam) conversion.bundle().getEntry().get(4).getResource();
        assertThat(conversion.bundle().getEntry().get(4).getRequest().getUrl())
                .isEqualTo("CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|TEAM-EAST");
        assertThat(team.getMeta().hasProfile(Profiles.SOCIAL_WORK_TEAM)).isTrue();
        assertThat(team.getStatus()).isEqualTo(CareTeam.CareTeamStatus.ACTIVE);
        assertThat(team.getName()).isEqualTo("Children's Social Work Service, East Team");
        assertThat(team.getManagingOrganizationFirstRep().getReference()).isEqualTo(LA);
        assertThat(conversion.locator().rowsOf(4)).containsExactly(2, 4, 5);
    }

    @Test
    void patientsAreConditionalCreatesOnTheNhsNumber() throws IOException {
        Bundle bundle = template().bundle();
        Bundle.BundleEntryComponent child = bundle.getEntry().get(5);
        assertThat(child.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(child.getRequest().getUrl()).isEqualTo("Patient");
        assertThat(child.getRequest().getIfNoneExist()).isEqualTo("identifier=" + Identifiers.NHS_NUMBER + "|9434765870");
        Patient patient = (Patient) child.getResource();
        assertThat(patient.getMeta().hasProfile(Profiles.PATIENT)).isTrue();
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("2019-11-30");
        assertThat(patient.hasGender()).isFalse();
    }

    @Test
    void unbornPlanIsHeldOnAFemaleMotherWithItsExpectedDeliveryDate() throws IOException {
        Bundle bundle = template().bundle();
        Patient mother = (Patient) bundle.getEntry().get(7).getResource();
        assertThat(mother.getIdentifierFirstRep().getValue()).isEqualTo("4010232137");
        assertThat(mother.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        EpisodeOfCare plan = (EpisodeOfCare) bundle.getEntry().get(13).getResource();
        assertThat(plan.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo(PlanTypes.UNBORN_CHILD_PROTECTION_PLAN);
        assertThat(plan.getTypeFirstRep().getCodingFirstRep().getDisplay())
                .isEqualTo("Unborn child subject to child protection plan");
        assertThat(((DateType) plan.getExtensionByUrl(Extensions.EXPECTED_DELIVERY_DATE).getValue()).getValueAsString())
                .isEqualTo("2027-02-10");
        assertThat(plan.getPatient().getReference()).isEqualTo(bundle.getEntry().get(7).getFullUrl());
    }

    @Test
    void finishedPlanHasItsEndAndAnInactiveFlag() throws IOException {
        Bundle bundle = template().bundle();
        EpisodeOfCare plan = (EpisodeOfCare) bundle.getEntry().get(15).getResource();
        Flag flag = (Flag) bundle.getEntry().get(16).getResource();
        assertThat(plan.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
        assertThat(plan.getPeriod().getEndElement().getValueAsString()).isEqualTo("2025-03-31");
        assertThat(plan.hasCareManager()).isFalse();
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(flag.getPeriod().getEndElement().getValueAsString()).isEqualTo("2025-03-31");
    }

    @Test
    void lookedAfterChildWithoutWorkerHasNoCareManagerNorTeam() throws IOException {
        Bundle bundle = template().bundle();
        EpisodeOfCare plan = (EpisodeOfCare) bundle.getEntry().get(11).getResource();
        assertThat(plan.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo(PlanTypes.LOOKED_AFTER_CHILD);
        assertThat(plan.hasCareManager()).isFalse();
        assertThat(plan.hasTeam()).isFalse();
        assertThat(plan.getExtension()).isEmpty();
    }

    @Test
    void eachEntryNamesTheRowsItCameFrom() throws IOException {
        FileConversion conversion = template();
        assertThat(conversion.locator().entryRows()).isEqualTo(Map.ofEntries(
                entry(0, List.of(2)), entry(1, List.of(4)), entry(2, List.of(2)), entry(3, List.of(4)),
                entry(4, List.of(2, 4, 5)),
                entry(5, List.of(2)), entry(6, List.of(3)), entry(7, List.of(4)), entry(8, List.of(5)),
                entry(9, List.of(2)), entry(10, List.of(2)), entry(11, List.of(3)), entry(12, List.of(3)),
                entry(13, List.of(4)), entry(14, List.of(4)), entry(15, List.of(5)), entry(16, List.of(5))));
    }

    private static String fullUrlOf(Bundle bundle, Class<? extends Resource> type, int nth) {
        return bundle.getEntry().stream().filter(e -> type.isInstance(e.getResource())).skip(nth).findFirst()
                .orElseThrow().getFullUrl();
    }
}
