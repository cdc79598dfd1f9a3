package uk.cpis.fhir.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.cpis.fhir.access.AccessPolicy;
import uk.cpis.fhir.server.ServedResourceTypes;

/** What the CapabilityStatement may offer, as a function of the access policy. */
class AdvertisedCapabilitiesTest {

    private static final AdvertisedCapabilities ADVERTISED =
            AdvertisedCapabilities.of(AccessPolicy.cpis(), ServedResourceTypes.SERVED);

    @Test
    void offersFlagsForReadAndSearchOnlySinceLocalAuthoritiesWriteThemInSubmissionBundles() {
        AdvertisedCapabilities.TypeCapabilities flag = ADVERTISED.types().get("Flag");
        assertThat(flag.interactions()).containsExactlyInAnyOrder("read", "search-type");
        assertThat(ADVERTISED.serverInteractions()).containsExactlyInAnyOrder("transaction", "batch");
        // The SMART scope still names the writes: an LA's token needs c and u for its submissions.
        assertThat(flag.scopePermissions()).isEqualTo("crus");
    }

    @Test
    void offersSearchParametersByTheirBaseNameAndTheGrantedIncludes() {
        AdvertisedCapabilities.TypeCapabilities flag = ADVERTISED.types().get("Flag");
        // patient.identifier (clinician) and patient (LA) are both the "patient" parameter.
        assertThat(flag.searchParameters()).contains("patient", "identifier", "date", "subject", "_id", "_lastUpdated")
                .doesNotContain("patient.identifier", "category", "encounter", "_tag", "_has");
        assertThat(flag.includes()).containsExactlyInAnyOrder("Flag:author", "Flag:subject", "Flag:patient", "Flag:detail");
    }

    @Test
    void offersDirectWritesOnlyWhereSomeCallerMayMakeThem() {
        // An LA manages its own rest-hook subscriptions directly.
        assertThat(ADVERTISED.types().get("Subscription").interactions())
                .containsExactlyInAnyOrder("read", "create", "update", "delete");
        assertThat(ADVERTISED.types().get("AuditEvent").interactions()).containsExactlyInAnyOrder("read", "search-type");
        // Patients are written by submissions only; a clinician reads and searches them.
        assertThat(ADVERTISED.types().get("Patient").interactions()).containsExactlyInAnyOrder("read", "search-type");
    }

    @Test
    void offersOnlyTheOperationsSomeCallerIsGranted() {
        assertThat(ADVERTISED.types().get("Patient").operations()).containsExactlyInAnyOrder("validate", "cpis-access-history");
        assertThat(ADVERTISED.types().get("Flag").operations()).containsExactly("validate");
        assertThat(ADVERTISED.serverOperations()).containsExactlyInAnyOrder("cpis-submit-file", "cpis-apply-retention");
    }

    @Test
    void publishesTheConformanceResourcesOperationDefinitionsIncluded() {
        for (String type : new String[] {"StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter",
                "OperationDefinition"}) {
            assertThat(ADVERTISED.types().get(type).interactions()).as(type).containsExactlyInAnyOrder("read", "search-type");
            assertThat(ADVERTISED.types().get(type).searchParameters()).as(type)
                    .containsExactlyInAnyOrder("url", "version", "name", "status", "_id");
        }
    }

    @Test
    void advertisesServedTypesOnly() {
        assertThat(ServedResourceTypes.SERVED).containsAll(ADVERTISED.types().keySet());
        // A type reached by no interaction of its own is there for $validate alone.
        assertThat(ADVERTISED.types().get("Bundle").interactions()).isEmpty();
        assertThat(ADVERTISED.types().get("Bundle").operations()).containsExactly("validate");
    }

    @Test
    void namesAParameterWithoutItsChainOrModifier() {
        assertThat(AdvertisedCapabilities.baseName("patient.identifier")).isEqualTo("patient");
        assertThat(AdvertisedCapabilities.baseName("patient:Patient.identifier")).isEqualTo("patient");
        assertThat(AdvertisedCapabilities.baseName("subject.identifier")).isEqualTo("subject");
        assertThat(AdvertisedCapabilities.baseName("_lastUpdated")).isEqualTo("_lastUpdated");
    }
}
