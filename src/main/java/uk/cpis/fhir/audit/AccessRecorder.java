package uk.cpis.fhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.metrics.OperatorMeters;

/**
 * Records one request's accesses: an AuditEvent per patient, and — for a clinician in unscheduled care (B0107) —
 * a notification to each local authority with an active flag on the patient (and to its plans' social workers and
 * teams), all stored together.
 */
final class AccessRecorder {

    private final PatientResolver patients;
    private final ActiveFlagFinder activeFlags;
    private final SocialWorkerPosts posts;
    private final AccessAuditEventFactory auditEvents = new AccessAuditEventFactory();
    private final AccessNotificationFactory notifications = new AccessNotificationFactory();
    private final AccessRecordStore store;
    private final OperatorMeters meters;
    private final Clock clock;

    AccessRecorder(PatientResolver patients, ActiveFlagFinder activeFlags, SocialWorkerPosts posts,
            AccessRecordStore store, OperatorMeters meters, Clock clock) {
        this.patients = patients;
        this.activeFlags = activeFlags;
        this.posts = posts;
        this.store = store;
        this.meters = meters;
        this.clock = clock;
    }

    void record(RequestDetails request, CallerClaims caller, ShownPatients shown) {
        Instant now = clock.instant();
        boolean notifies = caller.role() == CallerClaims.Role.CLINICIAN
                && AuditCodes.UNSCHEDULED_CARE.equals(caller.activity());
        String accessId = UUID.randomUUID().toString();
        List<Resource> records = new ArrayList<>();
        for (AuditedPatient patient : patients.resolve(shown)) {
            List<ActiveFlag> active = notifies && patient.patientId() != null
                    ? activeFlags.activeFor(patient.patientId(), shown)
                    : List.of();
            Set<String> seen = new LinkedHashSet<>(patient.records());
            for (ActiveFlag flag : active) {
                seen.add(flag.flagReference());
                shown.storedKeys().note(flag.flag());
                if (flag.plan() != null) {
                    shown.storedKeys().note(flag.plan());
                }
            }
            records.add(auditEvents.build(request, caller, patient, seen, now));
            Map<String, PractitionerRole> held = posts.heldPosts(active);
            held.values().forEach(shown.storedKeys()::note);
            for (List<ActiveFlag> flagsOfOneAuthority : byLocalAuthority(active).values()) {
                records.add(notifications.build(caller, patient, flagsOfOneAuthority, held.keySet(), now, accessId));
            }
        }
        meters.timeAuditWrite(() -> {
            store.storeAll(records, shown.storedKeys());
            return null;
        });
        meters.accessRecorded(caller.role().claim(), records.stream().anyMatch(r -> r instanceof Communication));
    }

    private static Map<String, List<ActiveFlag>> byLocalAuthority(List<ActiveFlag> flags) {
        Map<String, List<ActiveFlag>> grouped = new LinkedHashMap<>();
        flags.forEach(flag -> grouped.computeIfAbsent(flag.localAuthority(), k -> new ArrayList<>()).add(flag));
        return grouped;
    }
}
