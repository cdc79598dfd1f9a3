package uk.cpis.fhir.retention;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;

/**
 * Plans, their flags and their access notifications are removed 12 months after the plan ended, by the admin
 * operation (the nightly job runs the same code; it is off in tests), each removal recorded in an AuditEvent;
 * AuditEvents, Provenance and patients are kept; only an admin may apply retention and no client may expunge.
 */
class RetentionIT extends SharedFhirServer {

    @Autowired
    private IInterceptorService storageInterceptors;

    private static final String NHS = Identifiers.NHS_NUMBER + "|";
    private static final String APPLY = "/fhir/$cpis-apply-retention";

    @Autowired
    private javax.sql.DataSource dataSource;

    @Test
    void doesNotRunWhileAnotherNodeHoldsTheRetentionLockAndRunsOnceItIsFree() throws Exception {
        applyRetention(); // the lock's row exists once a node has run (ShedLock then only updates it)
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now().minusMonths(20);
        submit(child);
        submit(child.endedOn(LocalDate.now().minusMonths(13)));
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        // Another node's run, as ShedLock records it in the shared database.
        jdbc.update("UPDATE cpis_shedlock SET lock_until = CURRENT_TIMESTAMP + INTERVAL '10' MINUTE,"
                + " locked_at = CURRENT_TIMESTAMP, locked_by = 'other-node' WHERE name = 'cpis-retention'");
        try {
            HttpResponse<String> busy = HttpCalls.postFhirJson(baseUrl() + APPLY, TOKENS.admin(), "{\"resourceType\":\"Parameters\"}");

            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.body()).contains("another node");
            assertThat(count("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + child.planId)).isEqualTo(1);
        } finally {
            // That node's run ends.
            jdbc.update("UPDATE cpis_shedlock SET lock_until = CURRENT_TIMESTAMP WHERE name = 'cpis-retention'");
        }

        Parameters removed = applyRetention();

        assertThat(count(removed, "plans")).isPositive();
        assertThat(count("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + child.planId)).isZero();
    }

    @Test
    void removesPlanFlagAndNotificationsTwelveMonthsAfterPlanEnded() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now().minusMonths(20);
        Stored stored = submit(child);
        clinicianLooksUp(child);
        assertThat(notifications(child)).hasSize(1);
        String notificationId = id(notifications(child).get(0));
        submit(child.endedOn(LocalDate.now().minusMonths(13)));
        List<Provenance> provenanceBefore = provenanceOf(stored.patient());
        assertThat(provenanceBefore).hasSize(2);

        Parameters removed = applyRetention();

        assertThat(count(removed, "plans")).isPositive();
        assertThat(count(removed, "flags")).isPositive();
        assertThat(count(removed, "notifications")).isPositive();
        for (String record : List.of(stored.plan(), stored.flag(), notificationId)) {
            assertGone(record);
        }
        assertThat(notifications(child)).isEmpty();
        assertThat(adminSearch("Flag?patient.identifier=" + NHS + child.nhsNumber)).isEmpty();
        assertThat(adminSearch("EpisodeOfCare?patient.identifier=" + NHS + child.nhsNumber)).isEmpty();
        // The child and the LA stay: other plans may name them.
        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + stored.patient(), TOKENS.admin()).statusCode()).isEqualTo(200);
        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + stored.localAuthority(), TOKENS.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void recordsEachRemovalInAnAuditEventNamingThePatientAndWhatWasRemoved() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now().minusMonths(20);
        Stored stored = submit(child);
        clinicianLooksUp(child);
        String notificationId = id(notifications(child).get(0));
        submit(child.endedOn(LocalDate.now().minusMonths(13)));

        applyRetention();

        AuditEvent removal = auditEventsOf(child).stream()
                .filter(e -> e.getAction() == AuditEvent.AuditEventAction.D).findFirst().orElseThrow();
        assertThat(removal.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle");
        assertThat(removal.getType().getCode()).isEqualTo("destroy");
        assertThat(removal.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("admin-user");
        assertThat(removal.getEntity()).anySatisfy(e -> {
            assertThat(e.getWhat().getReference()).isEqualTo(stored.patient());
            assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo(child.nhsNumber);
        });
        // The removed records by identifier and id as text, never as references to what is gone.
        assertThat(removal.getEntity()).filteredOn(e -> e.getLifecycle().getCode() != null)
                .extracting(e -> e.getWhat().getDisplay())
                .containsExactlyInAnyOrder(stored.plan(), stored.flag(), notificationId);
        assertThat(removal.getEntity()).filteredOn(e -> e.getLifecycle().getCode() != null)
                .allSatisfy(e -> assertThat(e.getWhat().hasReference()).isFalse());
        assertThat(removal.getEntity()).filteredOn(e -> "Flag".equals(e.getWhat().getType()))
                .singleElement().satisfies(e -> assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo(child.planId));
    }

    @Test
    void keepsTheAccessAuditEventsAndTheSubmissionProvenanceOfARemovedPlan() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now().minusMonths(20);
        Stored stored = submit(child);
        clinicianLooksUp(child);
        submit(child.endedOn(LocalDate.now().minusMonths(13)));
        AuditEvent access = auditEventsOf(child).stream()
                .filter(e -> e.getEntity().stream().anyMatch(x -> stored.flag().equals(x.getWhat().getReference())))
                .findFirst().orElseThrow();
        List<Provenance> provenance = provenanceOf(stored.patient());

        Parameters removed = applyRetention();

        assertThat(count(removed, "auditEvents")).as("AuditEvent retention is off by default").isZero();
        AuditEvent kept = clientWithToken(auditor()).read().resource(AuditEvent.class)
                .withId(access.getIdElement().getIdPart()).execute();
        // It still says which flag the clinician saw, though the flag is gone.
        assertThat(kept.getEntity()).extracting(e -> e.getWhat().getReference()).contains(stored.flag());
        assertThat(provenanceOf(stored.patient())).extracting(p -> p.getIdElement().toUnqualifiedVersionless().getValue())
                .containsExactlyInAnyOrderElementsOf(provenance.stream()
                        .map(p -> p.getIdElement().toUnqualifiedVersionless().getValue()).toList());
        assertThat(provenanceOf(stored.patient())).allSatisfy(p -> assertThat(p.getTarget())
                .extracting(Reference::getReference).contains(stored.plan(), stored.flag()));
    }

    @Test
    void keepsPlansEndedWithinTwelveMonthsAndOngoingPlans() throws Exception {
        ChildSubmission recentlyEnded = new ChildSubmission();
        recentlyEnded.start = LocalDate.now().minusMonths(20);
        recentlyEnded.endedOn(LocalDate.now().minusMonths(11));
        Stored recent = submit(recentlyEnded);
        ChildSubmission ongoing = new ChildSubmission();
        ongoing.start = LocalDate.now().minusMonths(30);
        Stored current = submit(ongoing);

        applyRetention();

        for (String record : List.of(recent.plan(), recent.flag(), current.plan(), current.flag())) {
            assertThat(HttpCalls.get(baseUrl() + "/fhir/" + record, TOKENS.admin()).statusCode()).as(record).isEqualTo(200);
        }
    }

    @Test
    void applyingRetentionTwiceRemovesNothingTheSecondTime() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now().minusMonths(20);
        submit(child);
        submit(child.endedOn(LocalDate.now().minusMonths(14)));

        Parameters first = applyRetention();
        Parameters second = applyRetention();

        assertThat(count(first, "plans")).isPositive();
        for (String kind : List.of("plans", "flags", "notifications", "auditEvents")) {
            assertThat(count(second, kind)).as(kind).isZero();
        }
    }

    @Test
    void onlyAnAdminMayApplyRetention() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now().minusMonths(20);
        Stored stored = submit(child);
        submit(child.endedOn(LocalDate.now().minusMonths(13)));

        for (String token : List.of(
                TOKENS.token("clinician", "RXX01", AuditCodes.UNSCHEDULED_CARE),
                TOKENS.token("local-authority", child.odsCode, null),
                auditor())) {
            HttpResponse<String> refused = HttpCalls.postFhirJson(baseUrl() + APPLY, token, "{\"resourceType\":\"Parameters\"}");
            assertForbidden(refused);
        }
        assertThat(HttpCalls.postFhirJson(baseUrl() + APPLY, null, "{\"resourceType\":\"Parameters\"}").statusCode())
                .isEqualTo(401);
        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + stored.flag(), TOKENS.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void noClientMayExpungeNotEvenAnAdmin() throws Exception {
        ChildSubmission child = new ChildSubmission();
        Stored stored = submit(child);
        submit(child.ended());
        String expungeAll = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"expungeEverything\",\"valueBoolean\":true}]}";
        String expungeOld = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"expungePreviousVersions\",\"valueBoolean\":true}]}";

        assertForbidden(HttpCalls.postFhirJson(baseUrl() + "/fhir/$expunge", TOKENS.admin(), expungeAll));
        assertForbidden(HttpCalls.postFhirJson(baseUrl() + "/fhir/" + stored.flag() + "/$expunge", TOKENS.admin(), expungeOld));
        assertForbidden(HttpCalls.postFhirJson(baseUrl() + "/fhir/Flag/$expunge", TOKENS.admin(), expungeOld));

        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + stored.flag(), TOKENS.admin()).statusCode()).isEqualTo(200);
        Bundle history = client.history().onInstance(new IdType(stored.flag())).returnBundle(Bundle.class).execute();
        assertThat(history.getEntry()).hasSize(2);
    }

    @Test
    void keepsANotificationThatIsAlsoAboutAPlanStillKeptUntilThatPlanGoesToo() throws Exception {
        ChildSubmission protection = new ChildSubmission();
        protection.start = LocalDate.now().minusMonths(20);
        Stored expiring = submit(protection);
        ChildSubmission lookedAfter = new ChildSubmission();
        lookedAfter.nhsNumber = protection.nhsNumber;
        lookedAfter.odsCode = protection.odsCode;
        lookedAfter.planType = PlanTypes.LOOKED_AFTER_CHILD;
        lookedAfter.start = LocalDate.now().minusMonths(20);
        Stored kept = submit(lookedAfter);
        clinicianLooksUp(protection);
        Communication notification = single(notifications(protection));
        assertThat(notification.getAbout()).extracting(Reference::getReference).contains(expiring.flag(), kept.flag());
        submit(protection.endedOn(LocalDate.now().minusMonths(13)));

        applyRetention();

        assertGone(expiring.flag());
        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + kept.flag(), TOKENS.admin()).statusCode()).isEqualTo(200);
        assertThat(notifications(protection)).extracting(RetentionIT::id).containsExactly(id(notification));

        submit(lookedAfter.endedOn(LocalDate.now().minusMonths(13)));
        applyRetention();

        assertGone(kept.flag());
        assertGone(id(notification));
    }

    @Test
    void removesNothingOfAChunkWhoseRemovalFails() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now().minusMonths(20);
        Stored stored = submit(child);
        clinicianLooksUp(child);
        String notificationId = id(single(notifications(child)));
        submit(child.endedOn(LocalDate.now().minusMonths(13)));
        Object failingDelete = new FailingDelete("EpisodeOfCare");
        storageInterceptors.registerInterceptor(failingDelete);
        HttpResponse<String> failed;
        try {
            failed = HttpCalls.postFhirJson(baseUrl() + APPLY, TOKENS.admin(), "{\"resourceType\":\"Parameters\"}");
        } finally {
            storageInterceptors.unregisterInterceptor(failingDelete);
        }

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
        for (String record : List.of(stored.plan(), stored.flag(), notificationId)) {
            assertThat(HttpCalls.get(baseUrl() + "/fhir/" + record, TOKENS.admin()).statusCode()).as(record).isEqualTo(200);
        }
        assertThat(auditEventsOf(child)).noneMatch(e -> e.getAction() == AuditEvent.AuditEventAction.D);

        // The next run removes it all.
        applyRetention();
        assertGone(stored.flag());
        assertThat(auditEventsOf(child)).filteredOn(e -> e.getAction() == AuditEvent.AuditEventAction.D).hasSize(1);
    }

    /** Makes deleting a resource of one type fail, as a database failure in the middle of a chunk would. */
    @Interceptor
    public static final class FailingDelete {
        private final String type;

        FailingDelete(String type) {
            this.type = type;
        }

        @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
        public void resourceDeleted(IBaseResource theResource, RequestDetails theRequest) {
            if (theResource.fhirType().equals(type)) {
                throw new IllegalStateException("database unavailable (test)");
            }
        }
    }

    /** Ids of what a submission stored: as the transaction response gives them, the Patient's by NHS number. */
    private record Stored(String localAuthority, String patient, String plan, String flag) {}

    private Stored submit(ChildSubmission child) {
        Bundle response = clientWithToken(TOKENS.token("local-authority", child.odsCode, null)).transaction()
                .withBundle(child.transaction()).execute();
        List<String> ids = response.getEntry().stream()
                .map(e -> e.getResponse().hasLocation()
                        ? new IdType(e.getResponse().getLocation()).toUnqualifiedVersionless().getValue() : null)
                .toList();
        return new Stored(ids.get(0), child.storedPatientId(clientWithToken(TOKENS.admin())), ids.get(2), ids.get(3));
    }

    /** A clinician in unscheduled care looks the child up: audited, and the LA is notified. */
    private void clinicianLooksUp(ChildSubmission child) {
        clientWithToken(TOKENS.token("clinician", "RXX01", AuditCodes.UNSCHEDULED_CARE)).search()
                .byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber).returnBundle(Bundle.class).execute();
    }

    private Parameters applyRetention() throws Exception {
        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + APPLY, TOKENS.admin(),
                "{\"resourceType\":\"Parameters\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    }

    private int count(String query) {
        return client.search().byUrl(query + "&_summary=count").returnBundle(Bundle.class).execute().getTotal();
    }

    private static int count(Parameters answer, String name) {
        return ((IntegerType) answer.getParameter(name).getValue()).getValue();
    }

    /** Gone for good: a read finds nothing (404, not the 410 of a deleted record) and no version is left. */
    private void assertGone(String record) throws Exception {
        HttpResponse<String> read = HttpCalls.get(baseUrl() + "/fhir/" + record, TOKENS.admin());
        assertThat(read.statusCode()).as(record).isEqualTo(404);
        HttpResponse<String> history = HttpCalls.get(baseUrl() + "/fhir/" + record + "/_history", TOKENS.admin());
        if (history.statusCode() == 200) {
            Bundle versions = FHIR.newJsonParser().parseResource(Bundle.class, history.body());
            assertThat(versions.getEntry()).as(record + " history").isEmpty();
        } else {
            assertThat(history.statusCode()).as(record + " history").isIn(404, 410);
        }
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
    }

    private List<Communication> notifications(ChildSubmission child) {
        return resources(clientWithToken(auditor()).search()
                .byUrl("Communication?subject.identifier=" + NHS + child.nhsNumber).returnBundle(Bundle.class).execute(),
                Communication.class);
    }

    private List<AuditEvent> auditEventsOf(ChildSubmission child) {
        return resources(clientWithToken(auditor()).search()
                .byUrl("AuditEvent?entity-identifier=" + NHS + child.nhsNumber + "&_count=100")
                .returnBundle(Bundle.class).execute(), AuditEvent.class);
    }

    private List<Provenance> provenanceOf(String patient) {
        return resources(clientWithToken(auditor()).search().byUrl("Provenance?target=" + patient)
                .returnBundle(Bundle.class).execute(), Provenance.class);
    }

    private List<IBaseResource> adminSearch(String query) {
        return client.search().byUrl(query).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (IBaseResource) e.getResource()).filter(r -> !r.fhirType().equals("OperationOutcome")).toList();
    }

    private static String auditor() {
        return TOKENS.token("auditor", "X26", null);
    }

    private static String id(IBaseResource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static <T extends IBaseResource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
