package uk.cpis.fhir.retention;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Gathers what goes with each expired plan: the flags that point at it ({@code Flag?detail=}) and the access
 * notifications about those flags. A notification also about a flag that is kept (another plan of the child, still
 * within its retention) is kept with it; it goes when the last flag it is about goes.
 */
final class PlanRecordsFinder {

    /** R4 Flag's search parameter on the core flag-detail extension, defined by CP-IS ({@code cpis-flag-detail}). */
    private static final String FLAG_DETAIL = "detail";

    private final IFhirResourceDao<EpisodeOfCare> plans;
    private final IFhirResourceDao<Flag> flags;
    private final IFhirResourceDao<Communication> notifications;
    private final IFhirResourceDao<Patient> patients;

    PlanRecordsFinder(IFhirResourceDao<EpisodeOfCare> plans, IFhirResourceDao<Flag> flags,
            IFhirResourceDao<Communication> notifications, IFhirResourceDao<Patient> patients) {
        this.plans = plans;
        this.flags = flags;
        this.notifications = notifications;
        this.patients = patients;
    }

    /**
     * The records of these plans, read afresh in the removal's transaction: a plan gone already (a concurrent run)
     * or no longer ended before the day (its LA resubmitted it since it was found) is left out.
     */
    List<PlanRecords> recordsOf(List<IIdType> planIds, LocalDate endedBefore) {
        List<EpisodeOfCare> found = new ArrayList<>();
        List<List<Flag>> flagsOfEach = new ArrayList<>();
        Set<String> removedFlags = new HashSet<>();
        for (IIdType planId : planIds) {
            EpisodeOfCare plan = stored(plans, planId).orElse(null);
            if (plan == null || !PlanRetentionCutOff.endedBefore(plan, endedBefore)) {
                continue;
            }
            List<Flag> planFlags = flagsOf(planId);
            planFlags.forEach(f -> removedFlags.add(idOf(f)));
            found.add(plan);
            flagsOfEach.add(planFlags);
        }
        List<PlanRecords> records = new ArrayList<>();
        Set<String> notificationsTaken = new HashSet<>();
        for (int i = 0; i < found.size(); i++) {
            EpisodeOfCare plan = found.get(i);
            List<Communication> planNotifications = new ArrayList<>();
            for (Communication notification : notificationsAbout(plan, flagsOfEach.get(i), removedFlags)) {
                // Two expired plans of one child in this chunk may share a notification: it is removed once.
                if (notificationsTaken.add(idOf(notification))) {
                    planNotifications.add(notification);
                }
            }
            records.add(new PlanRecords(plan, patientOf(plan), flagsOfEach.get(i), planNotifications));
        }
        return records;
    }

    private List<Flag> flagsOf(IIdType planId) {
        SearchParameterMap query = SearchParameterMap.newSynchronous(FLAG_DETAIL, new ReferenceParam(planId.getValue()));
        return flags.search(query, new SystemRequestDetails()).getAllResources().stream()
                .map(Flag.class::cast).toList();
    }

    /** The child's notifications about these flags whose every flag is being removed now or is gone already. */
    private List<Communication> notificationsAbout(EpisodeOfCare plan, List<Flag> planFlags, Set<String> removedFlags) {
        if (planFlags.isEmpty() || !plan.getPatient().getReferenceElement().hasIdPart()) {
            return List.of();
        }
        Set<String> planFlagIds = new HashSet<>();
        planFlags.forEach(f -> planFlagIds.add(idOf(f)));
        // R4 has no search parameter on Communication.about; a child's notifications are few (one per access).
        SearchParameterMap query = SearchParameterMap.newSynchronous(Communication.SP_SUBJECT,
                new ReferenceParam(plan.getPatient().getReferenceElement().toUnqualifiedVersionless().getValue()));
        return notifications.search(query, new SystemRequestDetails()).getAllResources().stream()
                .map(Communication.class::cast)
                .filter(n -> flagsAbout(n).stream().anyMatch(planFlagIds::contains))
                .filter(n -> flagsAbout(n).stream().allMatch(f -> removedFlags.contains(f) || isGone(f)))
                .toList();
    }

    private static List<String> flagsAbout(Communication notification) {
        return notification.getAbout().stream()
                .map(Reference::getReferenceElement)
                .filter(r -> "Flag".equals(r.getResourceType()) && r.hasIdPart())
                .map(r -> r.toUnqualifiedVersionless().getValue())
                .toList();
    }

    private boolean isGone(String flagId) {
        return stored(flags, new IdType(flagId)).isEmpty();
    }

    /**
     * The stored resource, or empty if it is gone. A search, not a read: a read of a missing resource throws, and
     * that would mark the whole chunk's transaction for rollback.
     */
    private static <T extends IBaseResource> Optional<T> stored(IFhirResourceDao<T> dao, IIdType id) {
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                IAnyResource.SP_RES_ID, new TokenParam(id.getIdPart()));
        return dao.search(query, new SystemRequestDetails()).getAllResources().stream()
                .map(found -> dao.getResourceType().cast(found))
                .findFirst();
    }

    private Reference patientOf(EpisodeOfCare plan) {
        IIdType patientId = plan.getPatient().getReferenceElement().toUnqualifiedVersionless();
        Reference patient = new Reference().setType("Patient");
        Optional<Patient> stored = patientId.hasIdPart() ? stored(patients, patientId) : Optional.empty();
        if (stored.isEmpty()) {
            // Not a literal reference: the server refuses references to what it does not hold.
            return patient.setDisplay(patientId.getValue());
        }
        patient.setReference(patientId.getValue());
        stored.get().getIdentifier().stream()
                .filter(id -> Identifiers.NHS_NUMBER.equals(id.getSystem()))
                .findFirst()
                .ifPresent(nhs -> patient.setIdentifier(new Identifier().setSystem(nhs.getSystem()).setValue(nhs.getValue())));
        return patient;
    }

    static String idOf(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }
}
