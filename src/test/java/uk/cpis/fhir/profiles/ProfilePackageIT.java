package uk.cpis.fhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.GuideExamples;

/** The CP-IS package is installed into the server at startup and published for download. */
class ProfilePackageIT extends SharedFhirServer {

    private static final List<String> PROFILES = List.of(
            CpisContract.Profiles.FLAG,
            CpisContract.Profiles.EPISODE_OF_CARE,
            CpisContract.Profiles.PATIENT,
            CpisContract.Profiles.LOCAL_AUTHORITY,
            CpisContract.Profiles.ACCESS_NOTIFICATION,
            CpisContract.Profiles.ACCESS_AUDIT,
            CpisContract.Profiles.SUBMISSION,
            CpisContract.Extensions.EXPECTED_DELIVERY_DATE,
            CpisContract.Extensions.CONTACT_POINT_PURPOSE);

    @Test
    void storesEveryProfileOfTheContractWithItsSnapshot() {
        for (String url : PROFILES) {
            Bundle found = client.search()
                    .forResource(StructureDefinition.class)
                    .where(StructureDefinition.URL.matches().value(url))
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(found.getEntry()).as(url).hasSize(1);
            StructureDefinition profile = (StructureDefinition) found.getEntryFirstRep().getResource();
            assertThat(profile.getUrl()).isEqualTo(url);
            assertThat(profile.getSnapshot().getElement()).as(url + " snapshot").isNotEmpty();
        }
    }

    @Test
    void storesThePlanTypeValueSetWithTheThreeSnomedCodes() {
        Bundle found = client.search()
                .forResource(ValueSet.class)
                .where(ValueSet.URL.matches().value(CpisContract.PlanTypes.VALUE_SET))
                .returnBundle(Bundle.class)
                .execute();

        ValueSet planTypes = (ValueSet) found.getEntryFirstRep().getResource();
        assertThat(planTypes.getCompose().getIncludeFirstRep().getSystem()).isEqualTo(CpisContract.PlanTypes.SNOMED);
        assertThat(planTypes.getCompose().getIncludeFirstRep().getConcept())
                .extracting(ValueSet.ConceptReferenceComponent::getCode)
                .containsExactlyInAnyOrder(
                        CpisContract.PlanTypes.CHILD_PROTECTION_PLAN,
                        CpisContract.PlanTypes.LOOKED_AFTER_CHILD,
                        CpisContract.PlanTypes.UNBORN_CHILD_PROTECTION_PLAN);
    }

    @Test
    void flagDetailSearchParameterLetsAClinicianIncludeThePlan() throws Exception {
        Bundle submission = FHIR.newJsonParser().parseResource(Bundle.class, GuideExamples.read("Bundle-la-submission.json"));
        client.transaction().withBundle(submission).execute();
        Flag submitted = submission.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Flag.class::isInstance)
                .map(Flag.class::cast)
                .findFirst()
                .orElseThrow();
        String planIdentifier = submitted.getIdentifierFirstRep().getValue();

        Bundle found = client.search()
                .byUrl("Flag?identifier=" + CpisContract.Identifiers.LOCAL_AUTHORITY_PLAN + "|" + planIdentifier
                        + "&_include=Flag:detail")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(found.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactlyInAnyOrder("Flag", "EpisodeOfCare");
        EpisodeOfCare plan = found.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(EpisodeOfCare.class::isInstance)
                .map(EpisodeOfCare.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(plan.getIdentifierFirstRep().getValue()).isEqualTo(planIdentifier);
        assertThat(client.search()
                        .forResource(SearchParameter.class)
                        .where(SearchParameter.URL.matches().value(CpisContract.CANONICAL_BASE
                                + "/SearchParameter/cpis-flag-detail"))
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .hasSize(1);
    }

    @Test
    void offersThePackageForDownloadAsAnNpmFhirPackage() throws Exception {
        HttpResponse<byte[]> response = uk.cpis.fhir.support.HttpCalls.getBytes(baseUrl() + "/ig/package.tgz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
        NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(response.body()));
        assertThat(npm.name()).isEqualTo(CpisContract.PACKAGE_NAME);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains(npm.name() + "-" + npm.version() + ".tgz"));
        assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
        assertThat(npm.listResources("StructureDefinition")).contains("StructureDefinition-cpis-flag.json");
        assertThat(npm.hasFile("package", ".index.json")).isTrue();
    }
}
