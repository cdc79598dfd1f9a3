package uk.cpis.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.fhir.contract.CpisContract;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.NhsNumbers;

/**
 * Every clinician lookup leaves an AuditEvent per patient; an unscheduled-care lookup of a flagged child notifies
 * its LA; nothing is answered unaudited. Each test uses its own children and care setting, so counts are exact.
 */
class AccessAuditIT extends SharedFhirServer {

    private static final String NHS = Identifiers.NHS_NUMBER + "|";
    private static final String ENCODED_NHS = Identifiers.NHS_NUMBER + "%7C";

    @Autowired
    private IInterceptorService storageInterceptors;

    private final String careSetting = "R" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();

    @Test
    void unscheduledCareLookupOfFlaggedChildIsAuditedAndNotifiesTheLocalAuthority() throws Exception {
        ChildSubmission child = submitted(new ChildSubmission());
        Instant before = Instant.now().minusSeconds(1);

        Bundle found = clinician(AuditCodes.UNSCHEDULED_CARE).search()
                .byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber + "&_include=Flag:author")
                .returnBundle(Bundle.class).execute();
        assertThat(resources(found, Flag.class)).hasSize(1);
        String flagId = "Flag/" + resources(found, Flag.class).get(0).getIdElement().getIdPart();
        String laId = found.getEntry().stream().map(e -> e.getResource())
                .filter(r -> r.fhirType().equals("Organization")).findFirst().orElseThrow()
                .getIdElement().toUnqualifiedVersionless().getValue();

        AuditEvent audit = single(auditEvents(child.nhsNumber));
        assertThat(audit.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
        assertThat(audit.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(audit.getAgent()).anySatisfy(a -> {
            assertThat(a.getRequestor()).isTrue();
            assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("clinician-user");
            assertThat(a.getRole()).anySatisfy(r -> assertThat(r.getCodingFirstRep().getCode()).isEqualTo("B0107"));
        });
        assertThat(audit.getAgent()).anySatisfy(a ->
                assertThat(a.getWho().getIdentifier().getValue()).isEqualTo(careSetting));
        assertThat(audit.getEntity()).anySatisfy(e -> {
            assertThat(e.getRole().getCode()).isEqualTo("1");
            assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo(child.nhsNumber);
            assertThat(e.getWhat().getReference()).startsWith("Patient/");
        });
        assertThat(audit.getEntity()).anySatisfy(e -> assertThat(e.getWhat().getReference()).isEqualTo(flagId));
        assertThat(audit.getEntity()).filteredOn(e -> e.getQuery() != null)
                .singleElement().satisfies(e -> assertThat(java.net.URLDecoder.decode(
                        new String(e.getQuery(), StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("Flag?patient.identifier=" + NHS + child.nhsNumber + "&_include=Flag:author"));

        Communication notification = single(notifications(child.nhsNumber));
        assertThat(notification.getRecipient()).extracting(Reference::getReference).containsExactly(laId);
        assertThat(notification.getSender().getIdentifier().getValue()).isEqualTo(careSetting);
        assertThat(notification.getAbout()).extracting(Reference::getReference).contains(flagId);
        assertThat(notification.getSent()).isAfter(java.util.Date.from(before));
        assertThat(notification.getPayloadFirstRep().getContentStringType().getValue()).contains(careSetting);

        // The LA finds it among its notifications, newest first.
        Bundle inbox = localAuthority(child).search()
                .byUrl("Communication?recipient=" + laId + "&sent=gt" + before + "&_sort=-sent")
                .returnBundle(Bundle.class).execute();
        assertThat(resources(inbox, Communication.class)).extracting(c -> c.getIdElement().getIdPart())
                .containsExactly(notification.getIdElement().getIdPart());

        assertConformsTo(audit, CpisContract.Profiles.ACCESS_AUDIT);
        assertConformsTo(notification, CpisContract.Profiles.ACCESS_NOTIFICATION);
        // Read back, each record claims its profile once (HAPI stores it apart from the record's body).
        assertThat(audit.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(CpisContract.Profiles.ACCESS_AUDIT);
        assertThat(notification.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(CpisContract.Profiles.ACCESS_NOTIFICATION);
    }

    @Test
    void scheduledCareLookupIsAuditedWithoutNotification() {
        ChildSubmission child = submitted(new ChildSubmission());

        clinician(AuditCodes.SCHEDULED_CARE).search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber)
                .returnBundle(Bundle.class).execute();

        assertThat(auditEvents(child.nhsNumber)).hasSize(1);
        assertThat(notifications(child.nhsNumber)).isEmpty();
        assertThat(history(child.nhsNumber)).isEmpty();
    }

    @Test
    void lookupOfChildCpisHoldsNothingAboutLeavesAnAuditEventAndNothingElse() throws Exception {
        String unknown = NhsNumbers.random();

        Bundle found = clinician(AuditCodes.UNSCHEDULED_CARE).search()
                .byUrl("Flag?patient.identifier=" + NHS + unknown).returnBundle(Bundle.class).execute();

        assertThat(found.getEntry()).isEmpty();
        AuditEvent audit = single(auditEvents(unknown));
        assertThat(audit.getEntity()).anySatisfy(e -> {
            assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo(unknown);
            assertThat(e.getWhat().hasReference()).isFalse();
        });
        assertThat(countOf("Communication?subject.identifier=" + NHS + unknown)).isZero();
        assertConformsTo(audit, CpisContract.Profiles.ACCESS_AUDIT);
    }

    @Test
    void endedPlanIsAuditedButNotNotified() {
        ChildSubmission child = submitted(new ChildSubmission());
        submitted(child.ended());

        clinician(AuditCodes.UNSCHEDULED_CARE).search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber)
                .returnBundle(Bundle.class).execute();

        assertThat(auditEvents(child.nhsNumber)).hasSize(1);
        assertThat(notifications(child.nhsNumber)).isEmpty();
    }

    @Test
    void searchShowingTheSameChildTwiceNotifiesEachLocalAuthorityOnce() {
        ChildSubmission protection = submitted(new ChildSubmission());
        ChildSubmission lookedAfter = new ChildSubmission();
        lookedAfter.nhsNumber = protection.nhsNumber;
        lookedAfter.odsCode = protection.odsCode;
        lookedAfter.planType = PlanTypes.LOOKED_AFTER_CHILD;
        submitted(lookedAfter);
        ChildSubmission otherAuthority = new ChildSubmission();
        otherAuthority.nhsNumber = protection.nhsNumber;
        submitted(otherAuthority);

        Bundle found = clinician(AuditCodes.UNSCHEDULED_CARE).search()
                .byUrl("Flag?patient.identifier=" + NHS + protection.nhsNumber + "&_include=Flag:subject")
                .returnBundle(Bundle.class).execute();
        assertThat(resources(found, Flag.class)).hasSize(3);

        assertThat(auditEvents(protection.nhsNumber)).hasSize(1);
        List<Communication> sent = notifications(protection.nhsNumber);
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(c -> c.getRecipientFirstRep().getReference()).doesNotHaveDuplicates();
        assertThat(sent).filteredOn(c -> c.getAbout().stream().filter(a -> a.getReference().startsWith("Flag/")).count() == 2)
                .hasSize(1);
        // One access, told to two LAs: one identifier ties them together, so the history counts it once.
        assertThat(sent).extracting(c -> c.getIdentifierFirstRep().getValue()).containsOnly(
                sent.get(0).getIdentifierFirstRep().getValue());
        assertThat(history(protection.nhsNumber)).hasSize(1);
    }

    @Test
    void notificationIsAlsoAddressedToThePlansSocialWorker() throws Exception {
        ChildSubmission child = new ChildSubmission();
        child.socialWorker = ChildSubmission.SocialWorker.random();
        submitted(child);
        String post = client.search().byUrl("PractitionerRole?identifier=" + CpisContract.Identifiers.LOCAL_AUTHORITY_STAFF
                        + "|" + child.socialWorker.staffId()).returnBundle(Bundle.class).execute()
                .getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless().getValue();

        clinician(AuditCodes.UNSCHEDULED_CARE).search().byUrl("EpisodeOfCare?patient.identifier=" + NHS + child.nhsNumber)
                .returnBundle(Bundle.class).execute();

        Communication notification = single(notifications(child.nhsNumber));
        assertThat(notification.getRecipient()).extracting(Reference::getReference)
                .hasSize(2).contains(post).anyMatch(r -> r.startsWith("Organization/"));
        assertConformsTo(notification, CpisContract.Profiles.ACCESS_NOTIFICATION);

        // The guide's lookup shows every flag and plan of the child: the notification is built from the answer.
        clinician(AuditCodes.UNSCHEDULED_CARE).search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber
                        + "&_include=Flag:author&_include=Flag:subject&_include=Flag:detail")
                .returnBundle(Bundle.class).execute();
        assertThat(notifications(child.nhsNumber)).hasSize(2).allSatisfy(n -> assertThat(n.getRecipient())
                .extracting(Reference::getReference).hasSize(2).contains(post)
                .anyMatch(r -> r.startsWith("Organization/")));
    }

    @Test
    void aLookupShowingOneFlagOfTwoStillNotifiesBothLocalAuthorities() throws Exception {
        ChildSubmission first = submitted(new ChildSubmission());
        ChildSubmission second = new ChildSubmission();
        second.nhsNumber = first.nhsNumber;
        submitted(second);

        Bundle page = clinician(AuditCodes.UNSCHEDULED_CARE).search().byUrl("Flag?patient.identifier=" + NHS
                        + first.nhsNumber + "&_include=Flag:detail&_count=1")
                .returnBundle(Bundle.class).execute();

        assertThat(resources(page, Flag.class)).hasSize(1);
        assertThat(notifications(first.nhsNumber)).hasSize(2)
                .extracting(n -> n.getRecipientFirstRep().getReference()).doesNotHaveDuplicates();
    }

    @Test
    void everyReadPatternOfAClinicianIsAuditedOncePerRequest() {
        ChildSubmission child = submitted(new ChildSubmission());
        IGenericClient clinician = clinician(AuditCodes.UNSCHEDULED_CARE);
        List<String> lookups = List.of(
                "Flag?patient.identifier=" + NHS + child.nhsNumber,
                "Flag?patient:Patient.identifier=" + NHS + child.nhsNumber + "&_include=Flag:detail&_include=Flag:subject",
                "EpisodeOfCare?patient.identifier=" + NHS + child.nhsNumber + "&_include=EpisodeOfCare:organization",
                "Patient?identifier=" + NHS + child.nhsNumber,
                "Flag?patient.identifier=" + NHS + child.nhsNumber + "&_summary=count",
                "Flag?patient.identifier=" + NHS + child.nhsNumber + "&_summary=true",
                "Flag?patient.identifier=" + NHS + child.nhsNumber + "&_elements=code");
        for (String lookup : lookups) {
            clinician.search().byUrl(lookup).returnBundle(Bundle.class).execute();
        }

        List<AuditEvent> audits = auditEvents(child.nhsNumber);
        assertThat(audits).hasSize(lookups.size());
        assertThat(audits).allSatisfy(a -> assertThat(a.getSubtypeFirstRep().getCode()).isEqualTo("search-type"));
        assertThat(notifications(child.nhsNumber)).hasSize(lookups.size());
        assertThat(history(child.nhsNumber)).hasSize(lookups.size());
    }

    @Test
    void clinicianReadsByIdOnlyTheRecordsOfAChildItLookedUp() throws Exception {
        ChildSubmission child = new ChildSubmission();
        Bundle stored = localAuthority(child).transaction().withBundle(child.transaction()).execute();
        String token = TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE, Map.of("sub", "reader-" + careSetting));

        // Not found yet: a Flag id alone gives nothing away, and nothing was shown, so nothing is audited.
        HttpResponse<String> early = HttpCalls.get(baseUrl() + "/fhir/" + location(stored, 3), token);
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(early.body()).contains("\"code\":\"forbidden\"");
        assertThat(auditEvents(child.nhsNumber)).isEmpty();

        Bundle found = clientWithToken(token).search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber + "&_include=Flag:subject")
                .returnBundle(Bundle.class).execute();
        // The Patient's id as the lookup showed it (an LA's submission answer does not say it).
        String patient = found.getEntry().stream().map(e -> e.getResource()).filter(r -> r instanceof org.hl7.fhir.r4.model.Patient)
                .findFirst().orElseThrow().getIdElement().toUnqualifiedVersionless().getValue();
        List<String> records = List.of(patient, location(stored, 2), location(stored, 3));
        for (String record : records) {
            HttpResponse<String> read = HttpCalls.get(baseUrl() + "/fhir/" + record, token);
            assertThat(read.statusCode()).as(record).isEqualTo(200);
            assertThat(read.body()).contains("\"id\":\"" + record.substring(record.indexOf('/') + 1) + "\"");
        }
        // Another clinician, who has not looked the child up, still cannot.
        String colleague = TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE, Map.of("sub", "other-" + careSetting));
        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + location(stored, 3), colleague).statusCode()).isEqualTo(403);

        List<AuditEvent> audits = auditEvents(child.nhsNumber);
        assertThat(audits).extracting(a -> a.getSubtypeFirstRep().getCode())
                .containsExactlyInAnyOrder("search-type", "read", "read", "read");
        assertThat(audits).filteredOn(a -> a.getSubtypeFirstRep().getCode().equals("read"))
                .allSatisfy(a -> assertThat(a.getAction()).isEqualTo(AuditEvent.AuditEventAction.R));
        assertThat(notifications(child.nhsNumber)).hasSize(4);
    }

    @Test
    void clinicianPagesThroughItsLookupEachPageALookupOfItsOwn() throws Exception {
        ChildSubmission first = submitted(new ChildSubmission());
        ChildSubmission second = new ChildSubmission();
        second.nhsNumber = first.nhsNumber;
        submitted(second);
        String token = TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE, Map.of("sub", "pager-" + careSetting));

        Bundle page = clientWithToken(token).search()
                .byUrl("Flag?patient.identifier=" + NHS + first.nhsNumber + "&_count=1")
                .returnBundle(Bundle.class).execute();
        String next = page.getLink(Bundle.LINK_NEXT).getUrl();
        Bundle secondPage = clientWithToken(token).loadPage().next(page).execute();

        // No stored search to hand on: the next page is the same lookup by NHS number, one further on.
        assertThat(next).doesNotContain("_getpages").contains("_offset=1").contains(first.nhsNumber);
        assertThat(resources(page, Flag.class)).hasSize(1);
        assertThat(resources(secondPage, Flag.class)).hasSize(1);
        assertThat(resources(secondPage, Flag.class).get(0).getIdElement().getIdPart())
                .isNotEqualTo(resources(page, Flag.class).get(0).getIdElement().getIdPart());
        assertThat(auditEvents(first.nhsNumber)).hasSize(2)
                .allSatisfy(a -> assertThat(a.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("pager-" + careSetting));

        // A colleague who follows the link looks the child up as themself: audited and notified as theirs.
        String colleague = TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE, Map.of("sub", "colleague-" + careSetting));
        assertThat(HttpCalls.get(next, colleague).statusCode()).isEqualTo(200);
        assertThat(auditEvents(first.nhsNumber)).hasSize(3)
                .filteredOn(a -> a.getAgentFirstRep().getWho().getIdentifier().getValue().equals("colleague-" + careSetting))
                .hasSize(1);
    }

    @Test
    void clinicianTransactionOfLookupsIsAuditedPerChildAndNotifiesEachLocalAuthorityOnce() throws Exception {
        ChildSubmission first = submitted(new ChildSubmission());
        ChildSubmission second = submitted(new ChildSubmission());
        ChildSubmission unflagged = new ChildSubmission();
        ChildSubmission notLookedUp = new ChildSubmission();
        Bundle notLookedUpStored = localAuthority(notLookedUp).transaction().withBundle(notLookedUp.transaction()).execute();
        Bundle lookups = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (String url : List.of(
                "Flag?patient.identifier=" + NHS + first.nhsNumber + "&_include=Flag:author",
                "EpisodeOfCare?patient.identifier=" + NHS + first.nhsNumber,
                "Flag?patient.identifier=" + NHS + second.nhsNumber,
                "Flag?patient.identifier=" + NHS + unflagged.nhsNumber,
                location(notLookedUpStored, 3))) {
            lookups.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(url);
        }

        Bundle answer = clinician(AuditCodes.UNSCHEDULED_CARE).transaction().withBundle(lookups).execute();

        // Each lookup answered; the read of a child this clinician never looked up refused, as it would be alone.
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus().substring(0, 3))
                .containsExactly("200", "200", "200", "200", "403");
        assertThat(answer.getEntry().get(4).getResource()).isNull();
        assertThat(answer.getEntry().get(4).getResponse().getOutcome()).isInstanceOf(OperationOutcome.class);
        assertThat(auditEvents(notLookedUp.nhsNumber)).isEmpty();
        assertThat(resources((Bundle) answer.getEntry().get(0).getResource(), Flag.class)).hasSize(1);
        assertThat(single(auditEvents(first.nhsNumber)).getSubtypeFirstRep().getCode()).isEqualTo("transaction");
        assertThat(single(auditEvents(second.nhsNumber)).getSubtypeFirstRep().getCode()).isEqualTo("transaction");
        assertThat(single(auditEvents(unflagged.nhsNumber)).getSubtypeFirstRep().getCode()).isEqualTo("transaction");
        assertThat(single(notifications(first.nhsNumber)).getRecipientFirstRep().getReference()).startsWith("Organization/");
        assertThat(notifications(second.nhsNumber)).hasSize(1);
        assertThat(notifications(unflagged.nhsNumber)).isEmpty();
    }

    @Test
    void clinicianBundleCarryingAFishingSearchOrAWriteIsRefusedWhole() throws Exception {
        ChildSubmission child = submitted(new ChildSubmission());
        for (String smuggled : List.of("GET Patient?birthdate=2016-04-12", "GET Flag?patient.identifier=" + NHS + child.nhsNumber + "&_include=*",
                "GET Flag", "DELETE Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + child.planId)) {
            Bundle lookups = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            lookups.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Flag?patient.identifier=" + NHS + child.nhsNumber);
            lookups.addEntry().getRequest().setMethod(Bundle.HTTPVerb.fromCode(smuggled.substring(0, smuggled.indexOf(' '))))
                    .setUrl(smuggled.substring(smuggled.indexOf(' ') + 1));

            HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir",
                    TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE), FHIR.newJsonParser().encodeResourceToString(lookups));

            assertThat(response.statusCode()).as(smuggled).isEqualTo(403);
            assertThat(response.body()).as(smuggled).contains("\"code\":\"forbidden\"").doesNotContain(child.planId);
        }
        assertThat(auditEvents(child.nhsNumber)).isEmpty();
        assertThat(countOf("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + child.planId)).isEqualTo(1);
    }

    @Test
    void readsByOtherRolesAreAuditedWithoutNotification() {
        ChildSubmission first = submitted(new ChildSubmission());
        ChildSubmission second = new ChildSubmission();
        second.odsCode = first.odsCode;
        submitted(second);
        IGenericClient la = localAuthority(first);

        // An LA pages through its own flags: each page audits the children it shows.
        Bundle page = la.search().byUrl("Flag?_count=1&_sort=_id").returnBundle(Bundle.class).execute();
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
        la.loadPage().next(page).execute();
        assertThat(auditEvents(first.nhsNumber)).hasSize(1);
        assertThat(auditEvents(second.nhsNumber)).hasSize(1);
        assertThat(single(auditEvents(first.nhsNumber)).getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("local-authority");

        // An admin reads a flag by id, and runs a transaction of read entries.
        Flag flag = (Flag) resources(client.search().byUrl("Flag?patient.identifier=" + NHS + first.nhsNumber)
                .returnBundle(Bundle.class).execute(), Flag.class).get(0);
        client.read().resource(Flag.class).withId(flag.getIdElement().getIdPart()).execute();
        Bundle reads = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        reads.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Flag/" + flag.getIdElement().getIdPart());
        reads.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
                .setUrl("EpisodeOfCare?patient.identifier=" + NHS + second.nhsNumber);
        client.transaction().withBundle(reads).execute();

        List<AuditEvent> firstAudits = auditEvents(first.nhsNumber);
        assertThat(firstAudits).extracting(a -> a.getSubtypeFirstRep().getCode())
                .containsExactlyInAnyOrder("search-type", "search-type", "read", "transaction");
        assertThat(firstAudits).filteredOn(a -> a.getSubtypeFirstRep().getCode().equals("read"))
                .allSatisfy(a -> assertThat(a.getAction()).isEqualTo(AuditEvent.AuditEventAction.R));
        assertThat(auditEvents(second.nhsNumber)).extracting(a -> a.getSubtypeFirstRep().getCode())
                .containsExactlyInAnyOrder("search-type", "transaction");
        assertThat(notifications(first.nhsNumber)).isEmpty();
        assertThat(notifications(second.nhsNumber)).isEmpty();
    }

    @Test
    void accessHistoryShowsTheLast25UnscheduledAccessesNewestFirst() {
        ChildSubmission child = submitted(new ChildSubmission());
        List<String> settings = new java.util.ArrayList<>();
        for (int i = 0; i < 27; i++) {
            String setting = careSetting + "H" + i;
            settings.add(setting);
            clientWithToken(TOKENS.token("clinician", setting, AuditCodes.UNSCHEDULED_CARE)).search()
                    .byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber).returnBundle(Bundle.class).execute();
        }
        clinician(AuditCodes.SCHEDULED_CARE).search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber)
                .returnBundle(Bundle.class).execute();

        List<Parameters.ParametersParameterComponent> history = history(child.nhsNumber);

        assertThat(history).hasSize(25);
        assertThat(history).extracting(a -> ((Reference) a.getPart().get(1).getValue()).getIdentifier().getValue())
                .containsExactlyElementsOf(newestFirst(settings.subList(2, 27)));
        List<Instant> times = history.stream().map(a -> a.getPart().get(0).getValue())
                .map(v -> ((org.hl7.fhir.r4.model.InstantType) v).getValue().toInstant()).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void accessHistoryIsRefusedWithoutAValidNhsNumber() throws Exception {
        HttpResponse<String> response = HttpCalls.get(baseUrl() + "/fhir/Patient/$cpis-access-history?identifier="
                + ENCODED_NHS + "1234567890", TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE));
        assertThat(response.statusCode()).isEqualTo(403);
        HttpResponse<String> byAdmin = HttpCalls.get(baseUrl() + "/fhir/Patient/$cpis-access-history?identifier="
                + ENCODED_NHS + "1234567890", TOKENS.admin());
        assertThat(byAdmin.statusCode()).isEqualTo(400);
        assertThat(byAdmin.body()).contains("OperationOutcome").contains("valid NHS number");
    }

    @Test
    void failingAuditStoreWithholdsTheDataAndStoresNothing() throws Exception {
        ChildSubmission child = submitted(new ChildSubmission());
        Object failingStore = new FailingStore("Communication");
        storageInterceptors.registerInterceptor(failingStore);
        HttpResponse<String> response;
        try {
            response = HttpCalls.get(baseUrl() + "/fhir/Flag?patient.identifier=" + ENCODED_NHS + child.nhsNumber,
                    TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE));
        } finally {
            storageInterceptors.unregisterInterceptor(failingStore);
        }

        assertThat(response.statusCode()).isEqualTo(503);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(response.body()).doesNotContain("\"Flag\"").doesNotContain(child.nhsNumber)
                .doesNotContain(PlanTypes.CHILD_PROTECTION_PLAN);
        // The AuditEvent written before the failing notification was rolled back with it.
        assertThat(auditEvents(child.nhsNumber)).isEmpty();
        assertThat(notifications(child.nhsNumber)).isEmpty();
    }

    @Test
    void everyAdminWriteIsAuditedWithTheWrite() throws Exception {
        String adminSub = "admin-" + careSetting;
        IGenericClient admin = clientWithToken(TOKENS.token("admin", "X26", null, Map.of("sub", adminSub)));
        Practitioner practitioner = new Practitioner();
        practitioner.addName().setFamily("Written-" + careSetting);
        String id = admin.create().resource(practitioner).execute().getId().toUnqualifiedVersionless().getValue();
        practitioner.setId(id);
        practitioner.getNameFirstRep().addGiven("Amended");
        admin.update().resource(practitioner).execute();
        admin.delete().resourceById(new IdType(id)).execute();

        List<AuditEvent> audits = resources(auditor().search().byUrl("AuditEvent?agent-identifier=" + adminSub + "&_sort=date")
                .returnBundle(Bundle.class).execute(), AuditEvent.class);
        assertThat(audits).extracting(a -> a.getSubtypeFirstRep().getCode()).containsExactly("create", "update", "delete");
        assertThat(audits).extracting(AuditEvent::getAction).containsExactly(
                AuditEvent.AuditEventAction.C, AuditEvent.AuditEventAction.U, AuditEvent.AuditEventAction.D);
        assertThat(audits).allSatisfy(a -> assertThat(a.getEntityFirstRep().getWhat().getDisplay()).isEqualTo(id));

        // A write whose audit cannot be stored is not stored either.
        Object failingStore = new FailingStore("AuditEvent");
        storageInterceptors.registerInterceptor(failingStore);
        HttpResponse<String> refused;
        try {
            Practitioner unaudited = new Practitioner();
            unaudited.addName().setFamily("Unaudited-" + careSetting);
            refused = HttpCalls.postFhirJson(baseUrl() + "/fhir/Practitioner", TOKENS.token("admin", "X26", null, Map.of("sub", adminSub)),
                    FHIR.newJsonParser().encodeResourceToString(unaudited));
        } finally {
            storageInterceptors.unregisterInterceptor(failingStore);
        }
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(refused.body()).contains("OperationOutcome");
        assertThat(countOf("Practitioner?family=Unaudited-" + careSetting)).isZero();
    }

    @Test
    void auditorFindsAccessesByPatientUserOrganisationAndDate() {
        ChildSubmission child = submitted(new ChildSubmission());
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String user = "clinician-" + UUID.randomUUID();
        clientWithToken(TOKENS.token("clinician", careSetting, AuditCodes.UNSCHEDULED_CARE, java.util.Map.of("sub", user)))
                .search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber).returnBundle(Bundle.class).execute();
        String patientId = single(auditEvents(child.nhsNumber)).getEntity().stream()
                .filter(e -> e.getRole().getCode().equals("1")).findFirst().orElseThrow().getWhat().getReference();

        IGenericClient auditor = clientWithToken(TOKENS.token("auditor", "X26", null));
        for (String query : List.of(
                "AuditEvent?patient=" + patientId,
                "AuditEvent?agent-identifier=" + user,
                "AuditEvent?agent-identifier=" + Identifiers.ODS_CODE + "|" + careSetting,
                "AuditEvent?entity-identifier=" + NHS + child.nhsNumber + "&date=ge" + before)) {
            Bundle found = auditor.search().byUrl(query).returnBundle(Bundle.class).execute();
            assertThat(resources(found, AuditEvent.class)).as(query).hasSize(1);
        }
    }

    @Test
    void noClientMayChangeOrDeleteAnAuditEvent() throws Exception {
        ChildSubmission child = submitted(new ChildSubmission());
        clinician(AuditCodes.SCHEDULED_CARE).search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber)
                .returnBundle(Bundle.class).execute();
        AuditEvent audit = single(auditEvents(child.nhsNumber));
        String url = baseUrl() + "/fhir/AuditEvent/" + audit.getIdElement().getIdPart();

        HttpResponse<String> update = HttpCalls.send("PUT", url, TOKENS.admin(), "application/fhir+json",
                FHIR.newJsonParser().encodeResourceToString(audit.setOutcome(AuditEvent.AuditEventOutcome._8)));
        HttpResponse<String> delete = HttpCalls.send("DELETE", url, TOKENS.admin(), null, null);

        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(single(auditEvents(child.nhsNumber)).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    }

    /** Makes storing a resource of one type fail, as a full or broken audit store would. */
    @Interceptor
    public static final class FailingStore {
        private final String type;

        FailingStore(String type) {
            this.type = type;
        }

        @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
        public void resourceCreated(IBaseResource theResource, RequestDetails theRequest) {
            if (theResource.fhirType().equals(type)) {
                throw new IllegalStateException("audit store unavailable (test)");
            }
        }
    }

    /** The unqualified, versionless id ("Flag/123") of a submission's entry: 0 LA, 2 plan, 3 flag (not 1, the patient). */
    private static String location(Bundle stored, int entry) {
        return new org.hl7.fhir.r4.model.IdType(stored.getEntry().get(entry).getResponse().getLocation())
                .toUnqualifiedVersionless().getValue();
    }

    private ChildSubmission submitted(ChildSubmission child) {
        localAuthority(child).transaction().withBundle(child.transaction()).execute();
        return child;
    }

    private IGenericClient localAuthority(ChildSubmission child) {
        return clientWithToken(TOKENS.token("local-authority", child.odsCode, null));
    }

    private IGenericClient clinician(String activity) {
        return clientWithToken(TOKENS.token("clinician", careSetting, activity));
    }

    /** The AuditEvents of this patient, as an auditor finds them. */
    private List<AuditEvent> auditEvents(String nhsNumber) {
        return resources(auditor().search().byUrl("AuditEvent?entity-identifier=" + NHS + nhsNumber + "&_count=100")
                .returnBundle(Bundle.class).execute(), AuditEvent.class);
    }

    /** The notifications about this patient, as an auditor finds them (found by the admin to leave no trace). */
    private List<Communication> notifications(String nhsNumber) {
        return resources(auditor().search().byUrl("Communication?subject.identifier=" + NHS + nhsNumber
                        + "&_count=100").returnBundle(Bundle.class).execute(), Communication.class);
    }

    private int countOf(String query) {
        return client.search().byUrl(query + "&_summary=count").returnBundle(Bundle.class).execute().getTotal();
    }

    private List<Parameters.ParametersParameterComponent> history(String nhsNumber) {
        Parameters history = clientWithToken(TOKENS.token("auditor", "X26", null)).operation().onType("Patient")
                .named("$cpis-access-history").withSearchParameter(Parameters.class, "identifier",
                        new ca.uhn.fhir.rest.param.TokenParam(Identifiers.NHS_NUMBER, nhsNumber))
                .useHttpGet().execute();
        return history.getParameter().stream().filter(p -> p.getName().equals("access")).toList();
    }

    private IGenericClient auditor() {
        return clientWithToken(TOKENS.token("auditor", "X26", null));
    }

    /** $validate against the profile, as an integrator would: no errors. */
    private void assertConformsTo(Resource resource, String profile) throws Exception {
        String url = baseUrl() + "/fhir/" + resource.fhirType() + "/$validate?profile="
                + java.net.URLEncoder.encode(profile, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpCalls.postFhirJson(url, TOKENS.admin(),
                FHIR.newJsonParser().encodeResourceToString(resource));
        assertThat(response.statusCode()).isEqualTo(200);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue())
                .filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .as(resource.fhirType() + " against " + profile)
                .isEmpty();
    }

    private static List<String> newestFirst(List<String> oldestFirst) {
        List<String> reversed = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static <T extends Resource> T single(List<T> resources) {
        assertThat(resources).hasSize(1);
        return resources.get(0);
    }

    private static <T extends IBaseResource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
