package uk.cpis.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;

/** An LA system subscribes to its notifications and is pushed each one, to an endpoint this test runs. */
class NotificationSubscriptionIT extends SharedFhirServer {

    /** This node's registry of active Subscriptions (HAPI's). */
    @Autowired
    private SubscriptionRegistry subscriptionRegistry;

    private HttpServer endpoint;
    /** What the endpoint answers: 200, or 503 while the LA's system is down. */
    private final AtomicInteger answer = new AtomicInteger(200);
    /** Each request the endpoint answered 200: method, path and body. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    /** Each request the endpoint refused. */
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        endpoint.createContext("/", exchange -> {
            int status = answer.get();
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            (status == 200 ? delivered : refused).add(request);
            exchange.sendResponseHeaders(status, -1);
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
        String laId = subscribedAuthority(child);

        lookUp("RSUB1", child);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(delivered).anySatisfy(d -> {
            assertThat(d).contains("/Communication/");
            assertThat(d).contains(laId).contains("RSUB1");
        }));
    }

    @Test
    void aNodeThatHasNotYetLoadedTheSubscriptionStillPushesTheNotification() throws Exception {
        ChildSubmission child = new ChildSubmission();
        String laId = subscribedAuthority(child);
        // As on a second node, which learns of a Subscription another node activated only at its next sync: it
        // holds no subscription at all when the clinician's lookup lands there.
        subscriptionRegistry.unregisterAllSubscriptions();

        lookUp("RSUB5", child);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(delivered).anySatisfy(d -> {
            assertThat(d).contains("/Communication/");
            assertThat(d).contains(laId).contains("RSUB5");
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

        lookUp("RSUB2", child);

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
    void aNotificationTheEndpointRefusedIsDeliveredOnceWhenItAnswersAgain() throws Exception {
        ChildSubmission child = new ChildSubmission();
        subscribedAuthority(child);
        answer.set(503);

        lookUp("RSUB3", child);
        await().atMost(Duration.ofSeconds(30)).until(() -> refused.stream().anyMatch(r -> r.contains("RSUB3")));
        String notification = notificationPath(refused.stream().filter(r -> r.contains("RSUB3")).findFirst().orElseThrow());
        IGenericClient auditor = clientWithToken(TOKENS.token("auditor", "X26", null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveryRecords(auditor, child))
                .anySatisfy(event -> assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4)));
        // An operator sees it waiting, and the failed attempt.
        assertThat(HttpCalls.get(baseUrl() + "/actuator/prometheus", TOKENS.admin()).body())
                .containsPattern("(?m)^cpis_notification_waiting(\\{[^}]*\\})? [1-9]")
                .containsPattern("cpis_notification_deliveries_total\\{[^}]*outcome=\"failed\"[^}]*\\} [1-9]");
        answer.set(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered.stream().anyMatch(d -> d.contains(notification)));
        // Kept until delivered, then taken from the store: not sent again after the delivery.
        Thread.sleep(12_000);
        assertThat(delivered.stream().filter(d -> d.contains(notification))).hasSize(1);
        assertThat(deliveryRecords(auditor, child))
                .filteredOn(event -> event.getOutcome() == AuditEvent.AuditEventOutcome._0).hasSize(1);
    }

    @Test
    void oneAuthoritysEndpointBeingDownDoesNotHoldBackAnothersNotifications() throws Exception {
        ChildSubmission down = new ChildSubmission();
        ChildSubmission up = new ChildSubmission();
        IGenericClient downLa = clientWithToken(TOKENS.token("local-authority", down.odsCode, null));
        IGenericClient upLa = clientWithToken(TOKENS.token("local-authority", up.odsCode, null));
        downLa.transaction().withBundle(down.transaction()).execute();
        upLa.transaction().withBundle(up.transaction()).execute();
        Subscription toNowhere = subscription("Communication?recipient=" + organisationId(down.odsCode));
        toNowhere.getChannel().setEndpoint("http://localhost:" + unusedPort() + "/cpis-inbox"); // connection refused
        awaitActive(downLa.create().resource(toNowhere).execute().getId().getIdPart());
        awaitActive(upLa.create().resource(subscription("Communication?recipient=" + organisationId(up.odsCode)))
                .execute().getId().getIdPart());
        IGenericClient clinician = clientWithToken(TOKENS.token("clinician", "RSUB4", AuditCodes.UNSCHEDULED_CARE));

        // The unreachable LA's notifications are stored first, so they are first in the store of changes.
        for (int i = 0; i < 3; i++) {
            clinician.search().byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + down.nhsNumber)
                    .returnBundle(Bundle.class).execute();
        }
        clinician.search().byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + up.nhsNumber)
                .returnBundle(Bundle.class).execute();

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered.stream().anyMatch(d -> d.contains("RSUB4")));
        assertThat(delivered).filteredOn(d -> d.contains("RSUB4"))
                .allSatisfy(d -> assertThat(d).contains(organisationId(up.odsCode)).doesNotContain(organisationId(down.odsCode)));
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

    /** An unscheduled-care clinician of the organisation looks the child up (which notifies the child's LA). */
    private void lookUp(String clinicianOdsCode, ChildSubmission child) {
        clientWithToken(TOKENS.token("clinician", clinicianOdsCode, AuditCodes.UNSCHEDULED_CARE)).search()
                .byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + child.nhsNumber)
                .returnBundle(Bundle.class).execute();
    }

    /** Stores the child as its LA, which then subscribes to its notifications; returns the LA's Organization id. */
    private String subscribedAuthority(ChildSubmission child) {
        IGenericClient la = clientWithToken(TOKENS.token("local-authority", child.odsCode, null));
        la.transaction().withBundle(child.transaction()).execute();
        String laId = organisationId(child.odsCode);
        awaitActive(la.create().resource(subscription("Communication?recipient=" + laId)).execute().getId().getIdPart());
        return laId;
    }

    /** The delivery records (DICOM 110106, export) of the child's notifications. */
    private static List<AuditEvent> deliveryRecords(IGenericClient auditor, ChildSubmission child) {
        return auditor.search().byUrl("AuditEvent?type=http://dicom.nema.org/resources/ontology/DCM|110106"
                        + "&entity-identifier=" + Identifiers.NHS_NUMBER + "|" + child.nhsNumber)
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(entry -> (AuditEvent) entry.getResource()).toList();
    }

    /** "/cpis-inbox/Communication/123" of a request the endpoint saw. */
    private static String notificationPath(String request) {
        Matcher path = Pattern.compile("/Communication/[0-9]+").matcher(request);
        assertThat(path.find()).as(request).isTrue();
        return path.group();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
