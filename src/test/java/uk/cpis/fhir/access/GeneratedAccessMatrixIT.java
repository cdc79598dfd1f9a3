package uk.cpis.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;

/**
 * The allowlist, generated from what the server itself knows: for every resource type its CapabilityStatement
 * advertises and every search parameter HAPI's registry holds for it (all the server could run, not only the ones
 * the CapabilityStatement advertises), the parameter as it is, with each modifier its type takes, chained, and
 * with {@code _has}, {@code :iterate} and the other query features, for each role, over HTTP. Whatever the
 * policy does not list must be refused with 403 and an OperationOutcome; so a parameter or type added to the
 * server later is refused until someone lists it in {@link AccessPolicy}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedAccessMatrixIT extends SharedFhirServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<AccessPolicy.Caller, String[]> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put(AccessPolicy.Caller.CLINICIAN, new String[] {"clinician", "RXX01", "B0107"});
        ROLES.put(AccessPolicy.Caller.LOCAL_AUTHORITY, new String[] {"local-authority", "LAGEN1", null});
        ROLES.put(AccessPolicy.Caller.AUDITOR, new String[] {"auditor", "X26", null});
    }

    private List<CapabilityStatementRestResourceComponent> resources;

    @Autowired
    private ISearchParamRegistry searchParameters;

    @BeforeAll
    void readTheServersOwnCapabilityStatement() throws Exception {
        HttpResponse<String> metadata = HttpCalls.get(baseUrl() + "/fhir/metadata");
        CapabilityStatement statement = (CapabilityStatement) FHIR.newJsonParser().parseResource(metadata.body());
        resources = statement.getRestFirstRep().getResource();
        Set<String> granted = new TreeSet<>();
        for (AccessPolicy.Caller caller : AccessPolicy.Caller.values()) {
            granted.addAll(AccessPolicy.cpis().of(caller).grants().keySet());
        }
        assertThat(resources).extracting(CapabilityStatementRestResourceComponent::getType).containsAll(granted);
    }

    /** Every form of one parameter the server knows, as a query-string name. */
    private static List<String> variants(RuntimeSearchParam parameter) {
        String name = parameter.getName();
        List<String> forms = new ArrayList<>(List.of(name, name + ":missing"));
        RestSearchParameterTypeEnum type = parameter.getParamType();
        if (type == RestSearchParameterTypeEnum.TOKEN) {
            forms.addAll(List.of(name + ":not", name + ":text", name + ":in"));
        } else if (type == RestSearchParameterTypeEnum.STRING) {
            forms.addAll(List.of(name + ":exact", name + ":contains"));
        } else if (type == RestSearchParameterTypeEnum.REFERENCE) {
            forms.addAll(List.of(name + ":identifier", name + ".identifier", name + ":Patient.name",
                    name + "._has:Flag:patient:status"));
        } else if (type == RestSearchParameterTypeEnum.URI) {
            forms.addAll(List.of(name + ":below", name + ":above"));
        }
        return forms;
    }

    /** Query features no role but admin may use, whatever the type. */
    private static List<String> features(String type) {
        return List.of("_has:Flag:patient:status", "_has:" + type + ":subject:_id", "_include:iterate", "_include:recurse",
                "_revinclude", "_revinclude:iterate", "_filter", "_contained", "_containedType", "_query", "_text",
                "_content", "_list", "_id:not", "_lastUpdated:missing", "_tag", "_security", "_profile", "_source");
    }

    @TestFactory
    Stream<DynamicTest> everyAdvertisedParameterIsRefusedUnlessThePolicyListsIt() {
        AccessPolicy policy = AccessPolicy.cpis();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<AccessPolicy.Caller, String[]> role : ROLES.entrySet()) {
            String[] claims = role.getValue();
            String token = TOKENS.token(claims[0], claims[1], claims[2]);
            AccessPolicy.CallerPolicy granted = policy.of(role.getKey());
            tests.add(DynamicTest.dynamicTest(claims[0] + ": every type, every parameter", () -> {
                List<String> queries = new ArrayList<>();
                for (CapabilityStatementRestResourceComponent resource : resources) {
                    String type = resource.getType();
                    var grant = granted.grant(type).filter(g -> g.allows(AccessPolicy.Interaction.SEARCH));
                    List<String> names = new ArrayList<>(features(type));
                    searchParameters.getActiveSearchParams(type).getSearchParamNames().forEach(
                            p -> names.addAll(variants(searchParameters.getActiveSearchParams(type).get(p))));
                    for (String name : names) {
                        boolean listed = grant.map(g -> g.parameters().containsKey(name)
                                || AccessPolicy.SHAPING.contains(name)).orElse(false);
                        if (!listed) {
                            String value = name.startsWith("_include") || name.startsWith("_revinclude") ? type + ":subject" : "x";
                            queries.add(type + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                        }
                    }
                }
                List<String> notRefused = sendAll(queries, token);
                assertThat(notRefused).as("not refused with 403 forbidden for " + claims[0]).isEmpty();
                assertThat(queries).hasSizeGreaterThan(1000);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyTypeNotAdvertisedIsUnknownToEveryRole() {
        Set<String> advertised = new TreeSet<>();
        resources.forEach(resource -> advertised.add(resource.getType()));
        List<String> others = FHIR.getResourceTypes().stream().filter(type -> !advertised.contains(type)).sorted().toList();
        Map<String, String> tokens = new LinkedHashMap<>();
        ROLES.values().forEach(claims -> tokens.put(claims[0], TOKENS.token(claims[0], claims[1], claims[2])));
        tokens.put("admin", TOKENS.admin());
        return tokens.entrySet().stream().map(role -> DynamicTest.dynamicTest(role.getKey() + ": every other R4 type", () -> {
            List<String> answered = new ArrayList<>();
            for (String type : others) {
                HttpResponse<String> response = HttpCalls.get(baseUrl() + "/fhir/" + type, role.getValue());
                boolean unknown = (response.statusCode() == 404 || response.statusCode() == 403)
                        && response.body().contains("OperationOutcome");
                if (!unknown) {
                    answered.add(type + " -> " + response.statusCode());
                }
            }
            assertThat(others).hasSizeGreaterThan(100);
            assertThat(answered).as("answered other than 404/403 for " + role.getKey()).isEmpty();
        }));
    }

    /** Sends every query (eight at a time) and returns those not answered 403 with a forbidden OperationOutcome. */
    private List<String> sendAll(List<String> queries, String token) {
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (String query : queries) {
            inFlight.acquireUninterruptibly();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/fhir/" + query))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
            answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        inFlight.release();
                        // _query names a stored query; this server has none, so HAPI refuses it (400) before any check.
                        int expected = query.contains("?_query=") ? 400 : 403;
                        boolean refused = failure == null && response.statusCode() == expected
                                && (expected == 400 || response.body().contains("\"code\":\"forbidden\""))
                                && response.body().contains("OperationOutcome");
                        return refused ? null : query + " -> " + (failure != null ? failure : response.statusCode());
                    }));
        }
        return answers.stream().map(CompletableFuture::join).filter(a -> a != null).toList();
    }
}
