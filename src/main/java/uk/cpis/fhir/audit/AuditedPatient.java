package uk.cpis.fhir.audit;

import java.util.Set;

/**
 * A patient one request gave data of, as the audit records them.
 *
 * @param patientId the Patient's id, or null when CP-IS holds no Patient with the NHS number looked up
 * @param nhsNumber the NHS number, or null if the Patient has none (it always has under the profile)
 * @param records the CP-IS records of the patient that were shown ("Flag/7", "EpisodeOfCare/8")
 */
record AuditedPatient(String patientId, String nhsNumber, Set<String> records) {

    String reference() {
        return patientId == null ? null : "Patient/" + patientId;
    }
}
