package uk.cpis.fhir.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.SharedFhirServer;

/**
 * {@code GET /fhir/metadata} as an integrator reads it, without a token: the CP-IS server by name and version,
 * only what some caller may do, CP-IS's operations by their published definitions, and how to authenticate.
 */
class CapabilityStatementIT extends SharedFhirServer {

    private CapabilityStatement anonymousMetadata() throws Exception {
        HttpResponse<String> response = HttpCalls.get(baseUrl() + "/fhir/metadata");
        assertThat(response.statusCode()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.body());
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement statement, String type) {
        return statement.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " is not in the CapabilityStatement"));
    }

    private static List<String> interactions(CapabilityStatementRestResourceComponent resource) {
        return resource.getInteraction().stream().map(i -> i.getCode().toCode()).toList();
    }

    @Test
    void namesTheCpisServerAndItsVersion() throws Exception {
        CapabilityStatement statement = anonymousMetadata();

        assertThat(statement.getTitle()).isEqualTo("CP-IS FHIR server");
        assertThat(statement.getSoftware().getName()).isEqualTo("CP-IS FHIR server");
        assertThat(statement.getSoftware().getVersion()).isNotBlank().isNotEqualTo("unknown");
        assertThat(statement.getPublisher()).isEqualTo("CP-IS FHIR server project");
        assertThat(statement.getSoftware().getName()).doesNotContain("HAPI");
        assertThat(statement.getImplementationGuide()).extracting(c -> c.getValue())
                .containsExactly(CpisContract.IMPLEMENTATION_GUIDE);
    }

    @Test
    void advertisesOnlyTheInteractionsSomeCallerMayUse() throws Exception {
        CapabilityStatement statement = anonymousMetadata();

        // LAs write flags, plans and children only inside submission bundles.
        assertThat(interactions(resource(statement, "Flag"))).containsExactlyInAnyOrder("read", "search-type");
        assertThat(interactions(resource(statement, "Patient"))).containsExactlyInAnyOrder("read", "search-type");
        assertThat(interactions(resource(statement, "Subscription")))
                .containsExactlyInAnyOrder("read", "create", "update", "delete");
        assertThat(statement.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("transaction", "batch");
        assertThat(statement.getRestFirstRep().getResource()).allSatisfy(r -> {
            assertThat(r.getReadHistory()).as(r.getType()).isFalse();
            assertThat(interactions(r)).as(r.getType()).doesNotContain("history-instance", "history-type", "vread", "patch");
            assertThat(r.getSearchRevInclude()).as(r.getType()).isEmpty();
        });
        assertThat(statement.getPatchFormat()).isEmpty();
    }

    @Test
    void advertisesOnlyTheSearchParametersAndIncludesThePolicyLists() throws Exception {
        CapabilityStatementRestResourceComponent flag = resource(anonymousMetadata(), "Flag");

        assertThat(flag.getSearchParam()).extracting(p -> p.getName())
                .contains("patient", "identifier", "_id")
                .doesNotContain("category", "encounter", "_tag", "_security", "_profile", "_has", "_content");
        assertThat(flag.getSearchInclude()).extracting(i -> i.getValue())
                .containsExactlyInAnyOrder("Flag:author", "Flag:subject", "Flag:patient", "Flag:detail");
    }

    @Test
    void offersNoOperationEveryCallerIsRefusedAndNamesCpisOperationsByTheirPublishedDefinitions() throws Exception {
        CapabilityStatement statement = anonymousMetadata();
        CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        List<CapabilityStatementRestResourceOperationComponent> operations = new ArrayList<>(rest.getOperation());
        rest.getResource().forEach(r -> operations.addAll(r.getOperation()));

        assertThat(operations).extracting(CapabilityStatementRestResourceOperationComponent::getName)
                .isNotEmpty()
                .allMatch(name -> List.of("validate", "cpis-access-history", "cpis-submit-file", "cpis-apply-retention").contains(name));
        assertThat(rest.getOperation()).filteredOn(o -> o.getName().equals("cpis-submit-file"))
                .extracting(CapabilityStatementRestResourceOperationComponent::getDefinition)
                .containsExactly(CpisContract.CANONICAL_BASE + "/OperationDefinition/cpis-submit-file");
        CapabilityStatementRestResourceOperationComponent history = resource(statement, "Patient").getOperation()
                .stream().filter(o -> o.getName().equals("cpis-access-history")).findFirst().orElseThrow();
        String definition = CpisContract.CANONICAL_BASE + "/OperationDefinition/cpis-access-history";
        assertThat(history.getDefinition()).isEqualTo(definition);

        // The definition it names is on the server, readable without a token like the other conformance resources.
        HttpResponse<String> found = HttpCalls.get(baseUrl() + "/fhir/OperationDefinition?url=" + definition);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, found.body());
        assertThat(bundle.getEntry()).hasSize(1);
        OperationDefinition stored = (OperationDefinition) bundle.getEntryFirstRep().getResource();
        assertThat(stored.getCode()).isEqualTo("cpis-access-history");
        // And by its id, as a client following the search result's fullUrl reads it.
        HttpResponse<String> read = HttpCalls.get(baseUrl() + "/fhir/OperationDefinition/" + stored.getIdPart());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(FHIR.newJsonParser().parseResource(OperationDefinition.class, read.body()).getUrl()).isEqualTo(definition);
    }

    @Test
    void saysHowToAuthenticateAndCountsNoResources() throws Exception {
        CapabilityStatement statement = anonymousMetadata();
        var security = statement.getRestFirstRep().getSecurity();

        assertThat(security.getService()).flatExtracting(s -> s.getCoding()).extracting(c -> c.getCode())
                .containsExactly("SMART-on-FHIR");
        assertThat(security.getDescription()).contains("bearer token").contains("cpis_role").contains("client credentials");
        // Tests configure no identity provider: no token endpoint is claimed.
        assertThat(security.getExtensionByUrl(PublishedCapabilityStatement.OAUTH_URIS)).isNull();
        assertThat(FHIR.newJsonParser().encodeResourceToString(statement)).doesNotContain("resourceCount");
    }

    @Test
    void answersTheSmartConfigurationWithoutAToken() throws Exception {
        HttpResponse<String> response = HttpCalls.get(baseUrl() + "/fhir/.well-known/smart-configuration");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode configuration = new ObjectMapper().readTree(response.body());
        assertThat(configuration.get("grant_types_supported").toString()).contains("client_credentials");
        assertThat(configuration.get("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
        assertThat(configuration.get("capabilities").toString()).contains("client-confidential-asymmetric");
        assertThat(configuration.get("scopes_supported").toString())
                .contains("system/Flag.crus").contains("system/AuditEvent.rs");
        assertThat(configuration.has("token_endpoint")).isFalse();
    }
}
