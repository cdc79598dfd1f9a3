package uk.cpis.fhir.notification;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Builds the AuditEvent of one delivery of a notification to an LA's subscribed endpoint: a disclosure of a child's
 * data to another system (DICOM "Export"), naming the notification (by its access identifier: a removed
 * notification leaves no dangling reference), the child (by reference and NHS number, as every access record
 * does), the LA and its endpoint, and whether it arrived.
 */
final class DeliveryAuditEventFactory {

    private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String NETWORK_TYPE_URL = "5";

    /**
     * @param notification the Communication delivered
     * @param recipient the subscribing LA's Organization ("Organization/12"), from the subscription's criteria
     * @param endpoint where it was sent
     * @param failure null when it arrived; else why not (it is retried)
     */
    AuditEvent delivery(Communication notification, String recipient, String endpoint, String failure, Instant recorded) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(DICOM, "110106", "Export"));
        event.setAction(AuditEventAction.R);
        event.setRecorded(Date.from(recorded));
        event.setOutcome(failure == null ? AuditEventOutcome._0 : AuditEventOutcome._4);
        if (failure != null) {
            event.setOutcomeDesc("Not delivered (retried): " + failure);
        }
        event.addAgent()
                .setWho(new Reference().setDisplay(AuditCodes.SERVER_NAME))
                .setRequestor(false);
        event.addAgent()
                .setWho(new Reference(recipient))
                .setRequestor(true)
                .getNetwork().setAddress(endpoint).setType(AuditEvent.AuditEventAgentNetworkType.fromCode(NETWORK_TYPE_URL));
        event.getSource()
                .setObserver(new Reference().setDisplay(AuditCodes.SERVER_NAME))
                .addType(new Coding(AuditCodes.SOURCE_TYPE, "4", "Application Server"));
        if (notification.getSubject().hasReference() || notification.getSubject().hasIdentifier()) {
            event.addEntity()
                    .setType(new Coding(AuditCodes.ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(AuditCodes.OBJECT_ROLE, "1", "Patient"))
                    .setWhat(notification.getSubject().copy());
        }
        Identifier access = notification.getIdentifier().stream()
                .filter(i -> Identifiers.ACCESS.equals(i.getSystem())).findFirst().map(Identifier::copy).orElse(null);
        event.addEntity()
                .setType(new Coding(AuditCodes.ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditCodes.OBJECT_ROLE, "4", "Domain Resource"))
                .setWhat(new Reference().setType("Communication").setIdentifier(access)
                        .setDisplay(notification.getIdElement().toUnqualifiedVersionless().getValue()));
        return event;
    }
}
