package uk.cpis.fhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;

/**
 * What one request gave its caller, patient by patient: filled while resources are shown (a transaction's read
 * entries share their parent's), read once before the response is sent.
 */
final class ShownPatients {

    private static final String KEY = ShownPatients.class.getName();

    /** Patient id ("123") to the CP-IS records of that patient that were shown ("Flag/7"). */
    private final Map<String, Set<String>> recordsByPatientId = new LinkedHashMap<>();
    private final Map<String, String> nhsNumberByPatientId = new LinkedHashMap<>();
    /** NHS numbers looked up, whether CP-IS holds the patient or not. */
    private final Set<String> nhsNumbers = new LinkedHashSet<>();
    private final StoredKeys storedKeys = new StoredKeys();
    /** The Flags and plans shown, for a response that shows every Flag of the child ({@link CompleteFlagLookup}). */
    private final Map<String, List<Flag>> flagsByPatientId = new LinkedHashMap<>();
    private final Map<String, EpisodeOfCare> plans = new LinkedHashMap<>();
    private boolean everyFlagShown;

    static ShownPatients of(RequestDetails request) {
        return (ShownPatients) request.getUserData().computeIfAbsent(KEY, k -> new ShownPatients());
    }

    static Optional<ShownPatients> existing(RequestDetails request) {
        return Optional.ofNullable((ShownPatients) request.getUserData().get(KEY));
    }

    void patient(String patientId, String nhsNumber) {
        recordsByPatientId.computeIfAbsent(patientId, k -> new LinkedHashSet<>());
        if (nhsNumber != null) {
            nhsNumberByPatientId.put(patientId, nhsNumber);
        }
    }

    void record(String patientId, String reference) {
        recordsByPatientId.computeIfAbsent(patientId, k -> new LinkedHashSet<>()).add(reference);
    }

    void lookedUp(String nhsNumber) {
        nhsNumbers.add(nhsNumber);
    }

    boolean isEmpty() {
        return recordsByPatientId.isEmpty() && nhsNumbers.isEmpty();
    }

    Set<String> patientIds() {
        return recordsByPatientId.keySet();
    }

    Set<String> records(String patientId) {
        return recordsByPatientId.getOrDefault(patientId, Set.of());
    }

    Optional<String> knownNhsNumber(String patientId) {
        return Optional.ofNullable(nhsNumberByPatientId.get(patientId));
    }

    void flag(String patientId, Flag flag) {
        flagsByPatientId.computeIfAbsent(patientId, k -> new ArrayList<>()).add(flag);
    }

    void plan(String reference, EpisodeOfCare plan) {
        plans.put(reference, plan);
    }

    /** The response shows every Flag of the child it looked up, and their plans. */
    void everyFlagShown() {
        everyFlagShown = true;
    }

    /** The Flags shown of this patient, if the response shows all of them; empty if they must be queried. */
    Optional<List<Flag>> everyFlagOf(String patientId) {
        if (!everyFlagShown) {
            return Optional.empty();
        }
        return Optional.of(flagsByPatientId.getOrDefault(patientId, List.of()));
    }

    /** The plans shown, by reference ("EpisodeOfCare/7"). */
    Map<String, EpisodeOfCare> plansShown() {
        return plans;
    }

    /** The database keys of the resources shown, as HAPI loaded them. */
    StoredKeys storedKeys() {
        return storedKeys;
    }

    Set<String> nhsNumbersLookedUp() {
        return nhsNumbers;
    }
}
