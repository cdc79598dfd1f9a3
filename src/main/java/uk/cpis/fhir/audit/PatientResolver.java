package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Turns what a request showed into one {@link AuditedPatient} per patient: a Patient seen only as a reference
 * gets its NHS number, an NHS number looked up gets its Patient (when CP-IS holds one), and the same patient
 * reached both ways is one patient.
 */
final class PatientResolver {

    private final IFhirResourceDao<Patient> patients;

    PatientResolver(IFhirResourceDao<Patient> patients) {
        this.patients = patients;
    }

    List<AuditedPatient> resolve(ShownPatients shown) {
        List<AuditedPatient> resolved = new ArrayList<>();
        for (String patientId : shown.patientIds()) {
            String nhsNumber = shown.knownNhsNumber(patientId).orElseGet(() -> nhsNumberOf(patientId));
            resolved.add(new AuditedPatient(patientId, nhsNumber, shown.records(patientId)));
        }
        for (String nhsNumber : shown.nhsNumbersLookedUp()) {
            boolean known = resolved.stream().anyMatch(p -> nhsNumber.equals(p.nhsNumber()));
            if (!known) {
                String patientId = patientIdOf(nhsNumber).orElse(null);
                if (patientId == null || resolved.stream().noneMatch(p -> patientId.equals(p.patientId()))) {
                    resolved.add(new AuditedPatient(patientId, nhsNumber, new LinkedHashSet<>()));
                }
            }
        }
        return resolved;
    }

    /** The Patient holding this NHS number, if CP-IS has one. */
    Optional<String> patientIdOf(String nhsNumber) {
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                Patient.SP_IDENTIFIER, new TokenParam(Identifiers.NHS_NUMBER, nhsNumber));
        return patients.searchForResourceIds(query, new SystemRequestDetails()).stream()
                .map(id -> id.getIdPart())
                .findFirst();
    }

    /** The Patient's NHS number, or null if it has none. */
    static String nhsNumberOf(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(i -> Identifiers.NHS_NUMBER.equals(i.getSystem()))
                .map(i -> i.getValue())
                .findFirst()
                .orElse(null);
    }

    private String nhsNumberOf(String patientId) {
        try {
            return nhsNumberOf(patients.read(new IdType("Patient", patientId), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null; // shown as a reference to a Patient that is no more: audit it by reference alone
        }
    }
}
