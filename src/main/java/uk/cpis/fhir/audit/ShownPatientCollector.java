package uk.cpis.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import java.util.EnumSet;
import java.util.Set;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Notes, as a response is assembled, which patients' CP-IS data it shows: a Patient, a Flag or plan of a patient,
 * a notification about one. Runs after the authorisation interceptor (order), so what it notes is what the caller
 * is actually given — on a read, each page of a search, its includes, and a transaction's read entries.
 */
@Interceptor
public final class ShownPatientCollector implements RestServerInterceptor {

    /** Interactions that answer with stored data (a transaction's read entries carry their own type). */
    private static final Set<RestOperationTypeEnum> READS = EnumSet.of(
            RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.HISTORY_INSTANCE,
            RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);

    @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = HookOrder.AUDIT)
    public void storagePreshowResources(RequestDetails theRequest, IPreResourceShowDetails theDetails) {
        if (theRequest == null || theRequest instanceof SystemRequestDetails) {
            return; // the server's own lookups show nothing to anyone
        }
        if (!READS.contains(theRequest.getRestOperationType())) {
            return; // a write loads what it replaces (conditional update), but answers with none of it
        }
        ShownPatients shown = ShownPatients.of(theRequest);
        for (IBaseResource resource : theDetails.getAllResources()) {
            shown.storedKeys().note(resource);
            note(shown, resource);
        }
    }

    private static void note(ShownPatients shown, IBaseResource resource) {
        String reference = resource.getIdElement().toUnqualifiedVersionless().getValue();
        if (resource instanceof Patient patient) {
            shown.patient(patient.getIdElement().getIdPart(), PatientResolver.nhsNumberOf(patient));
        } else if (resource instanceof Flag flag) {
            patientId(flag.getSubject()).ifPresent(id -> {
                shown.record(id, reference);
                shown.flag(id, flag);
            });
        } else if (resource instanceof EpisodeOfCare plan) {
            shown.plan(reference, plan);
            patientId(plan.getPatient()).ifPresent(id -> shown.record(id, reference));
        } else if (resource instanceof Communication notification) {
            patientId(notification.getSubject()).ifPresent(id -> shown.record(id, reference));
        }
    }

    private static java.util.Optional<String> patientId(Reference reference) {
        return java.util.Optional.ofNullable(reference.getReferenceElement())
                .filter(r -> "Patient".equals(r.getResourceType()) && r.hasIdPart())
                .map(r -> r.getIdPart());
    }
}
