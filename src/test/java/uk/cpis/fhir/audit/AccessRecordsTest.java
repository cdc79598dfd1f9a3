package uk.cpis.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.access.CallerClaims.Role;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.contract.CpisContract.Profiles;

/**
 * What the audit writes for one patient's data given to one caller, built without a server: the AuditEvent (who,
 * from where, what was asked, which records were shown) and the notification to the LA (from where, to whom,
 * about what).
 */
class AccessRecordsTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:15:30Z");
    private static final CallerClaims CLINICIAN = new CallerClaims("https://idp.example.nhs.uk", "dr-jones",
            Role.CLINICIAN, "RXX01", AuditCodes.UNSCHEDULED_CARE, List.of());

    private static SystemRequestDetails lookup() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
        request.setFhirServerBase("https://cpis.example/fhir");
        request.setCompleteUrl("https://cpis.example/fhir/Flag?patient.identifier=" + Identifiers.NHS_NUMBER
                + "|9434765919&_include=Flag:author");
        request.setRequestId("req-42");
        return request;
    }

    private static AuditedPatient child() {
        return new AuditedPatient("17", "9434765919", Set.of());
    }

    /** The records a request showed of the patient, in the order shown. */
    private static Set<String> records(String... shown) {
        return new LinkedHashSet<>(List.of(shown));
    }

    private static List<String> codes(List<AuditEventEntityComponent> entities) {
        return entities.stream().map(e -> e.getRole().getCode()).toList();
    }

    @Test
    void recordsAClinicianLookupAsABalpPatientQuery() {
        AuditEvent event = new AccessAuditEventFactory().build(lookup(), CLINICIAN, child(),
                records("Flag/5", "EpisodeOfCare/6", "Organization/2", "Patient/17"), AT);

        assertThat(event.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(Profiles.ACCESS_AUDIT);
        assertThat(event.getType().getCode()).isEqualTo("rest");
        assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo(AuditCodes.RESTFUL_INTERACTION);
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
        assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(event.getRecorded().toInstant()).isEqualTo(AT);
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);

        // The user (issuer and subject), with role and activity, then their organisation by ODS code.
        assertThat(event.getAgent()).hasSize(2);
        AuditEvent.AuditEventAgentComponent user = event.getAgent().get(0);
        assertThat(user.getRequestor()).isTrue();
        assertThat(user.getWho().getIdentifier().getSystem()).isEqualTo("https://idp.example.nhs.uk");
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("dr-jones");
        assertThat(user.getRole()).flatExtracting(r -> r.getCoding()).extracting(Coding::getCode)
                .containsExactly("clinician", AuditCodes.UNSCHEDULED_CARE);
        assertThat(event.getAgent().get(1).getWho().getIdentifier().getValue()).isEqualTo("RXX01");
        assertThat(event.getSource().getObserver().getDisplay()).isEqualTo(AuditCodes.SERVER_NAME);

        // The patient (by reference and NHS number), the query as sent, the CP-IS records shown, the request id.
        assertThat(codes(event.getEntity())).containsExactly("1", "24", "4", "4", null);
        assertThat(event.getEntity().get(0).getWhat().getReference()).isEqualTo("Patient/17");
        assertThat(event.getEntity().get(0).getWhat().getIdentifier().getValue()).isEqualTo("9434765919");
        assertThat(new String(event.getEntity().get(1).getQuery(), StandardCharsets.UTF_8))
                .isEqualTo("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|9434765919&_include=Flag:author");
        assertThat(event.getEntity().subList(2, 4)).extracting(e -> e.getWhat().getReference())
                .containsExactly("Flag/5", "EpisodeOfCare/6");
        assertThat(event.getEntity().get(4).getWhat().getIdentifier().getValue()).isEqualTo("req-42");
    }

    @Test
    void recordsAReadAsARead() {
        SystemRequestDetails read = new SystemRequestDetails();
        read.setRestOperationType(RestOperationTypeEnum.READ);

        AuditEvent event = new AccessAuditEventFactory().build(read, CLINICIAN, child(), records("Flag/5"), AT);

        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(event.getAction()).isEqualTo(AuditEventAction.R);
        // No query entity: a read asks for one record, named among the records shown.
        assertThat(codes(event.getEntity())).containsExactly("1", "4");
    }

    @Test
    void tellsABatchFromATransactionThoughHapiReportsBothAsTransaction() {
        SystemRequestDetails batch = lookup();
        batch.setRestOperationType(RestOperationTypeEnum.TRANSACTION);
        batch.setResource(new Bundle().setType(Bundle.BundleType.BATCH));
        SystemRequestDetails transaction = lookup();
        transaction.setRestOperationType(RestOperationTypeEnum.TRANSACTION);
        transaction.setResource(new Bundle().setType(Bundle.BundleType.TRANSACTION));

        AccessAuditEventFactory factory = new AccessAuditEventFactory();
        assertThat(factory.build(batch, CLINICIAN, child(), records(), AT).getSubtypeFirstRep().getCode()).isEqualTo("batch");
        assertThat(factory.build(transaction, CLINICIAN, child(), records(), AT).getSubtypeFirstRep().getCode())
                .isEqualTo("transaction");
    }

    @Test
    void leavesTheActivityOutForRolesOtherThanClinician() {
        CallerClaims auditor = new CallerClaims("https://idp.example.nhs.uk", "auditor-1", Role.AUDITOR, "X26",
                AuditCodes.UNSCHEDULED_CARE, List.of());
        AuditEvent event = new AccessAuditEventFactory().build(lookup(), auditor, child(), records(), AT);
        assertThat(event.getAgentFirstRep().getRole()).flatExtracting(r -> r.getCoding()).extracting(Coding::getCode)
                .containsExactly("auditor");
    }

    private static ActiveFlag activeFlag(String flagId, String localAuthority, String planId, String careManager) {
        Flag flag = new Flag();
        flag.setId(flagId);
        flag.getCode().addCoding().setSystem(PlanTypes.SNOMED).setCode(PlanTypes.CHILD_PROTECTION_PLAN)
                .setDisplay("Child protection plan");
        EpisodeOfCare plan = new EpisodeOfCare();
        plan.setId(planId);
        if (careManager != null) {
            plan.setCareManager(new Reference(careManager));
        }
        return new ActiveFlag(flag, localAuthority, plan);
    }

    @Test
    void notifiesTheLocalAuthorityAndEachPlansSocialWorkerOnceAboutEveryActiveFlagAndPlan() {
        List<ActiveFlag> flags = List.of(
                activeFlag("Flag/5", "Organization/2", "EpisodeOfCare/6", "Practitioner/9"),
                activeFlag("Flag/7", "Organization/2", "EpisodeOfCare/8", "Practitioner/9"));

        Communication notification = new AccessNotificationFactory().build(CLINICIAN, child(), flags, Set.of(), AT, "access-1");

        assertThat(notification.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(Profiles.ACCESS_NOTIFICATION);
        assertThat(notification.getIdentifierFirstRep().getSystem()).isEqualTo(Identifiers.ACCESS);
        assertThat(notification.getIdentifierFirstRep().getValue()).isEqualTo("access-1");
        assertThat(notification.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
        assertThat(notification.getSubject().getReference()).isEqualTo("Patient/17");
        assertThat(notification.getSubject().getIdentifier().getValue()).isEqualTo("9434765919");
        assertThat(notification.getSender().getIdentifier().getValue()).isEqualTo("RXX01");
        assertThat(notification.getSent().toInstant()).isEqualTo(AT);
        assertThat(notification.getRecipient()).extracting(Reference::getReference)
                .containsExactly("Organization/2", "Practitioner/9");
        assertThat(notification.getAbout()).extracting(Reference::getReference)
                .containsExactly("Flag/5", "EpisodeOfCare/6", "Flag/7", "EpisodeOfCare/8");
        assertThat(notification.getPayloadFirstRep().getContentStringType().getValue())
                .isEqualTo("Care setting RXX01 accessed this child's CP-IS record at 2026-12-04T10:15:30Z"
                        + " (unscheduled care). Plan: Child protection plan.");
    }

    @Test
    void notifiesTheLocalAuthorityAloneWhenNoPlanNamesASocialWorker() {
        Communication notification = new AccessNotificationFactory().build(CLINICIAN, child(),
                List.of(activeFlag("Flag/5", "Organization/2", "EpisodeOfCare/6", null)), Set.of(), AT, "access-2");

        assertThat(notification.getRecipient()).extracting(Reference::getReference).containsExactly("Organization/2");
    }

    @Test
    void addressesTheSocialWorkersPostWhileHeldAndTheTeam() {
        ActiveFlag flag = activeFlag("Flag/5", "Organization/2", "EpisodeOfCare/6", "Practitioner/9");
        flag.plan().addExtension(Extensions.CARE_MANAGER_ROLE, new Reference("PractitionerRole/10"));
        flag.plan().addTeam(new Reference("CareTeam/11"));

        Communication notification = new AccessNotificationFactory().build(CLINICIAN, child(), List.of(flag),
                Set.of("PractitionerRole/10"), AT, "access-3");

        assertThat(notification.getRecipient()).extracting(Reference::getReference)
                .containsExactly("Organization/2", "PractitionerRole/10", "CareTeam/11");
    }

    @Test
    void doesNotAddressASocialWorkerWhoHasLeftThePost() {
        ActiveFlag flag = activeFlag("Flag/5", "Organization/2", "EpisodeOfCare/6", "Practitioner/9");
        flag.plan().addExtension(Extensions.CARE_MANAGER_ROLE, new Reference("PractitionerRole/10"));

        Communication notification = new AccessNotificationFactory().build(CLINICIAN, child(), List.of(flag),
                Set.of(), AT, "access-4");

        assertThat(notification.getRecipient()).extracting(Reference::getReference).containsExactly("Organization/2");
    }
}
