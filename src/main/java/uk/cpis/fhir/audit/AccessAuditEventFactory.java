package uk.cpis.fhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.Profiles;

/**
 * Builds the {@code cpis-access-audit} AuditEvent of one patient's data given to one caller, shaped as IHE BALP's
 * PatientRead / PatientQuery: type rest, the interaction as subtype, the user and their organisation as agents,
 * the server as source, the patient, the query, the records shown and the request id as entities.
 */
final class AccessAuditEventFactory {

    // Code systems, from FHIR R4 and IHE BALP (https://profiles.ihe.net/ITI/BALP/).
    private static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    private static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

    AuditEvent build(RequestDetails request, CallerClaims caller, AuditedPatient patient, Set<String> records,
            Instant recorded) {
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(Profiles.ACCESS_AUDIT);
        event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
        String interaction = interaction(request);
        event.addSubtype(new Coding(AuditCodes.RESTFUL_INTERACTION, interaction, null));
        event.setAction(interaction.equals("read") || interaction.equals("vread") ? AuditEventAction.R : AuditEventAction.E);
        event.setRecorded(Date.from(recorded));
        event.setOutcome(AuditEventOutcome._0);

        addAgentsAndSource(event, caller);

        Reference patientReference = new Reference(patient.reference()).setType("Patient");
        if (patient.nhsNumber() != null) {
            patientReference.setIdentifier(new Identifier().setSystem(Identifiers.NHS_NUMBER).setValue(patient.nhsNumber()));
        }
        event.addEntity()
                .setType(new Coding(AuditCodes.ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(AuditCodes.OBJECT_ROLE, "1", "Patient"))
                .setWhat(patientReference);
        if (!"read".equals(interaction) && !"vread".equals(interaction)) {
            event.addEntity()
                    .setType(new Coding(AuditCodes.ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(AuditCodes.OBJECT_ROLE, "24", "Query"))
                    .setQuery(query(request).getBytes(StandardCharsets.UTF_8));
        }
        for (String record : records) {
            if (record.startsWith("Flag/") || record.startsWith("EpisodeOfCare/")) {
                event.addEntity()
                        .setType(new Coding(AuditCodes.ENTITY_TYPE, "2", "System Object"))
                        .setRole(new Coding(AuditCodes.OBJECT_ROLE, "4", "Domain Resource"))
                        .setWhat(new Reference(record));
            }
        }
        addRequestId(event, request);
        return event;
    }

    /**
     * The AuditEvent of an administrator's write (create, update or delete through the REST API): the same agents
     * and source as an access, the interaction as subtype, the record written as entity. Not a
     * {@code cpis-access-audit} (that profile is of reads); a plain R4 AuditEvent.
     */
    AuditEvent buildWrite(RequestDetails request, CallerClaims caller, String interaction, IBaseResource written,
            Instant recorded) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(AuditCodes.RESTFUL_INTERACTION, interaction, null));
        event.setAction(switch (interaction) {
            case "create" -> AuditEventAction.C;
            case "delete" -> AuditEventAction.D;
            default -> AuditEventAction.U;
        });
        event.setRecorded(Date.from(recorded));
        event.setOutcome(AuditEventOutcome._0);
        addAgentsAndSource(event, caller);
        String id = written.getIdElement().toUnqualifiedVersionless().getValue();
        // Named as text, not as a reference: a reference from a kept AuditEvent would stop the record's later
        // deletion (referential integrity), and a deleted one no longer resolves.
        event.addEntity()
                .setType(new Coding(AuditCodes.ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(AuditCodes.OBJECT_ROLE, "4", "Domain Resource"))
                .setWhat(new Reference().setType(written.fhirType()).setDisplay(id));
        addRequestId(event, request);
        return event;
    }

    /** The user (with role and activity) and their organisation as agents, this server as source. */
    private static void addAgentsAndSource(AuditEvent event, CallerClaims caller) {
        AuditEventAgentComponent user = event.addAgent()
                .setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")))
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(caller.issuer()).setValue(caller.subject())))
                .setRequestor(true);
        user.addRole(new CodeableConcept(new Coding(AuditCodes.ROLE, caller.role().claim(), null)));
        if (caller.activity() != null && caller.role() == CallerClaims.Role.CLINICIAN) {
            user.addRole(new CodeableConcept(new Coding(AuditCodes.ACTIVITY, caller.activity(), null)));
        }
        event.addAgent()
                .setType(new CodeableConcept(new Coding(ROLE_CLASS, "PROV", "healthcare provider")))
                .setWho(new Reference().setType("Organization").setIdentifier(
                        new Identifier().setSystem(Identifiers.ODS_CODE).setValue(organisation(caller))))
                .setRequestor(false);

        event.getSource()
                .setObserver(new Reference().setDisplay(AuditCodes.SERVER_NAME))
                .addType(new Coding(AuditCodes.SOURCE_TYPE, "4", "Application Server"));
    }

    private static void addRequestId(AuditEvent event, RequestDetails request) {
        if (request.getRequestId() != null) {
            event.addEntity()
                    .setType(new Coding(BALP_ENTITY_TYPE, "XrequestId", "X-Request-Id"))
                    .setWhat(new Reference().setIdentifier(new Identifier().setValue(request.getRequestId())));
        }
    }

    private static String organisation(CallerClaims caller) {
        return caller.organisation() == null || caller.organisation().isBlank() ? "unknown" : caller.organisation();
    }

    /** The restful-interaction code of the request. */
    private static String interaction(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null) {
            return "operation";
        }
        return switch (operation) {
            case READ -> "read";
            case VREAD -> "vread";
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> "search-type";
            // HAPI's REST layer reports a posted batch as TRANSACTION too: the bundle's type tells them apart.
            case TRANSACTION -> request.getResource() instanceof Bundle posted
                    && posted.getType() == Bundle.BundleType.BATCH ? "batch" : "transaction";
            case HISTORY_INSTANCE -> "history-instance";
            case HISTORY_TYPE -> "history-type";
            case HISTORY_SYSTEM -> "history-system";
            default -> "operation";
        };
    }

    /** The request as the caller sent it, relative to the FHIR base: "Flag?patient.identifier=…". */
    private static String query(RequestDetails request) {
        String complete = request.getCompleteUrl();
        String base = request.getFhirServerBase();
        if (complete != null && base != null && complete.startsWith(base)) {
            String relative = complete.substring(base.length());
            return relative.startsWith("/") ? relative.substring(1) : relative;
        }
        return request.getRequestPath();
    }
}
