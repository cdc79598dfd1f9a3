package uk.cpis.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;

/** An LA system subscribes to its notifications and is pushed each one, to an endpoint this test runs. */
class NotificationSubscriptionIT extends SharedFhirServer {

    private HttpServer endpoint;
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        endpoint.createContext("/", exchange -> {
            delivered.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    @Test
    void localAuthorityIsPushedEachNotificationAddressedToIt() throws Exception {
        ChildSubmission child = new ChildSubmission();
        IGenericClient la = clientWithToken(TOKENS.token("local-authority", child.odsCode, null));
        la.transaction().withBundle(child.transaction()).execute();
        String laId = organisationId(child.odsCode);

        String subscriptionId = la.create().resource(subscription("Communication?recipient=" + laId)).execute()
                .getId().getIdPart();
        awaitActive(subscriptionId);

        clientWithToken(TOKENS.token("clinician", "RSUB1", AuditCodes.UNSCHEDULED_CARE)).search()
                .byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + child.nhsNumber)
                .returnBundle(Bundle.class).execute();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(delivered).anySatisfy(d -> {
            assertThat(d).contains("/Communication/");
            assertThat(d).contains(laId).contains("RSUB1");
        }));
    }

    @Test
    void thePushedNotificationIsAddressedToTheChildsSocialWorker() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.socialWorker = ChildSubmission.SocialWorker.random();
        IGenericClient la = clientWithToken(TOKENS.token("local-authority", child.odsCode, null));
        la.transaction().withBundle(child.transaction()).execute();
        String laId = organisationId(child.odsCode);
        String postId = la.search().byUrl("PractitionerRole?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|"
                        + child.socialWorker.staffId()).returnBundle(Bundle.class).execute()
                .getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless().getValue();
        String subscriptionId = la.create().resource(subscription("Communication?recipient=" + laId)).execute()
                .getId().getIdPart();
        awaitActive(subscriptionId);

        clientWithToken(TOKENS.token("clinician", "RSUB2", AuditCodes.UNSCHEDULED_CARE)).search()
                .byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + child.nhsNumber)
                .returnBundle(Bundle.class).execute();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(delivered).anySatisfy(d -> {
            assertThat(d).contains("/Communication/").contains("RSUB2");
            assertThat(d).contains("\"reference\":\"" + laId + "\"").contains("\"reference\":\"" + postId + "\"");
        }));
        // The delivery is a disclosure of the child's data to the LA's system: an auditor finds it.
        IGenericClient auditor = clientWithToken(TOKENS.token("auditor", "X26", null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Bundle found = auditor.search().byUrl("AuditEvent?type=http://dicom.nema.org/resources/ontology/DCM|110106"
                    + "&entity-identifier=" + Identifiers.NHS_NUMBER + "|" + child.nhsNumber).returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).hasSize(1);
            AuditEvent delivery = (AuditEvent) found.getEntryFirstRep().getResource();
            assertThat(delivery.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
            assertThat(delivery.getAgent()).anySatisfy(agent -> {
                assertThat(agent.getWho().getReference()).isEqualTo(laId);
                assertThat(agent.getNetwork().getAddress()).startsWith("http://localhost:");
            });
            assertThat(delivery.getEntity()).anySatisfy(entity -> assertThat(entity.getWhat().getType()).isEqualTo("Communication"));
        });
    }

    @Test
    void localAuthorityMayNotSubscribeToAnotherAuthoritysNotifications() throws Exception {
        ChildSubmission mine = new ChildSubmission();
        ChildSubmission theirs = new ChildSubmission();
        clientWithToken(TOKENS.token("local-authority", mine.odsCode, null)).transaction()
                .withBundle(mine.transaction()).execute();
        clientWithToken(TOKENS.token("local-authority", theirs.odsCode, null)).transaction()
                .withBundle(theirs.transaction()).execute();
        String token = TOKENS.token("local-authority", mine.odsCode, null);

        for (String criteria : List.of(
                "Communication?recipient=" + organisationId(theirs.odsCode),
                "Communication?_id=1",
                "Flag?_id=1")) {
            HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir/Subscription", token,
                    FHIR.newJsonParser().encodeResourceToString(subscription(criteria)));
            assertThat(response.statusCode()).as(criteria).isEqualTo(403);
            assertThat(response.body()).contains("forbidden");
        }
    }

    @Test
    void subscriptionEndpointMustMatchTheConfiguredPattern() throws Exception {
        ChildSubmission child = new ChildSubmission();
        String token = TOKENS.token("local-authority", child.odsCode, null);
        clientWithToken(token).transaction().withBundle(child.transaction()).execute();
        Subscription toPlainHttp = subscription("Communication?recipient=" + organisationId(child.odsCode));
        toPlainHttp.getChannel().setEndpoint("http://example.org/cpis-inbox");

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir/Subscription", token,
                FHIR.newJsonParser().encodeResourceToString(toPlainHttp));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("OperationOutcome");
    }

    private Subscription subscription(String criteria) {
        Subscription subscription = new Subscription();
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason("CP-IS access notifications for our children");
        subscription.setCriteria(criteria);
        subscription.getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint("http://localhost:" + endpoint.getAddress().getPort() + "/cpis-inbox")
                .setPayload("application/fhir+json");
        return subscription;
    }

    private String organisationId(String odsCode) {
        Bundle found = client.search().byUrl("Organization?identifier=" + Identifiers.ODS_CODE + "|" + odsCode)
                .returnBundle(Bundle.class).execute();
        return ((Organization) found.getEntryFirstRep().getResource()).getIdElement().toUnqualifiedVersionless().getValue();
    }

    private void awaitActive(String subscriptionId) {
        await().atMost(Duration.ofSeconds(30)).alias("Subscription " + subscriptionId + " becomes active")
                .until(() -> client.read().resource(Subscription.class).withId(subscriptionId).execute().getStatus(),
                        status -> status == Subscription.SubscriptionStatus.ACTIVE);
    }
}
