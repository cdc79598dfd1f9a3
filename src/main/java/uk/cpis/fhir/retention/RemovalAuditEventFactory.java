package uk.cpis.fhir.retention;

import java.time.Instant;
import java.time.Period;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Builds the AuditEvent that records a removal under the retention policy: an ISO 21089 "destroy" lifecycle
 * event (action D) for records management, by the scheduled job or the admin who asked, naming the patient by a
 * literal reference (the Patient is kept) and each removed record by identifier and display only: a literal
 * reference to a removed record would point at nothing.
 */
final class RemovalAuditEventFactory {

    // Code systems from FHIR R4 terminology (http://terminology.hl7.org).
    private static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";
    private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** The removal of one expired plan with its flags and notifications. */
    AuditEvent planRemoved(PlanRecords records, Period retention, Remover remover, Instant recorded) {
        AuditEvent event = removal(remover, recorded);
        event.addEntity()
                .setType(new Coding(AuditCodes.ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(AuditCodes.OBJECT_ROLE, "1", "Patient"))
                .setWhat(records.patient().copy());
        removed(event, records.plan(), planIdentifier(records.plan().getIdentifier()), "plan ended "
                + records.plan().getPeriod().getEndElement().getValueAsString() + ", kept " + retention);
        records.flags().forEach(f -> removed(event, f, planIdentifier(f.getIdentifier()), "flag of the plan"));
        records.notifications().forEach(n -> removed(event, n, accessIdentifier(n.getIdentifier()),
                "access notification about the plan's flag"));
        return event;
    }

    /** The removal of AuditEvents past their own retention period: how many, recorded when. */
    AuditEvent auditEventsRemoved(int count, Instant firstRecorded, Instant lastRecorded, Period retention,
            Remover remover, Instant recorded) {
        AuditEvent event = removal(remover, recorded);
        event.getPeriod().setStart(Date.from(firstRecorded)).setEnd(Date.from(lastRecorded));
        AuditEventEntityComponent removedEvents = event.addEntity()
                .setType(new Coding(AuditCodes.ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditCodes.OBJECT_ROLE, "4", "Domain Resource"))
                .setLifecycle(new Coding(LIFECYCLE, "destroy", "Destroy/Delete"))
                .setWhat(new Reference().setType("AuditEvent").setDisplay(count + " AuditEvents"))
                .setDescription(count + " AuditEvents recorded from " + firstRecorded + " to " + lastRecorded
                        + ", kept " + retention);
        removedEvents.addDetail().setType("count").setValue(new StringType(Integer.toString(count)));
        return event;
    }

    private static AuditEvent removal(Remover remover, Instant recorded) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(LIFECYCLE, "destroy", "Destroy/Delete"));
        event.setAction(AuditEventAction.D);
        event.setRecorded(Date.from(recorded));
        event.setOutcome(AuditEventOutcome._0);
        event.addPurposeOfEvent(new CodeableConcept(new Coding(ACT_REASON, "RECORDMGT", "records management")));
        if (remover.admin() != null) {
            event.addAgent()
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(remover.admin().issuer()).setValue(remover.admin().subject())))
                    .setRequestor(true)
                    .addRole(new CodeableConcept(new Coding(AuditCodes.ROLE, remover.admin().role().claim(), null)));
        } else {
            event.addAgent()
                    .setWho(new Reference().setDisplay(AuditCodes.SERVER_NAME + " (retention job)"))
                    .setRequestor(true);
        }
        event.getSource()
                .setObserver(new Reference().setDisplay(AuditCodes.SERVER_NAME))
                .addType(new Coding(AuditCodes.SOURCE_TYPE, "4", "Application Server"));
        return event;
    }

    private static void removed(AuditEvent event, Resource record, Identifier identifier, String description) {
        event.addEntity()
                .setType(new Coding(AuditCodes.ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditCodes.OBJECT_ROLE, "4", "Domain Resource"))
                .setLifecycle(new Coding(LIFECYCLE, "destroy", "Destroy/Delete"))
                .setWhat(new Reference()
                        .setType(record.fhirType())
                        .setIdentifier(identifier)
                        .setDisplay(record.getIdElement().toUnqualifiedVersionless().getValue()))
                .setDescription(description);
    }

    private static Identifier planIdentifier(List<Identifier> identifiers) {
        return identifierOf(identifiers, Identifiers.LOCAL_AUTHORITY_PLAN);
    }

    private static Identifier accessIdentifier(List<Identifier> identifiers) {
        return identifierOf(identifiers, Identifiers.ACCESS);
    }

    private static Identifier identifierOf(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(i -> system.equals(i.getSystem())).findFirst()
                .map(Identifier::copy).orElse(null);
    }
}
