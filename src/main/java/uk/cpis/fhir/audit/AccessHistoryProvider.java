package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.Operations;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * {@code GET Patient/$cpis-access-history?identifier=https://fhir.nhs.uk/Id/nhs-number|…}: the child's last
 * unscheduled-care accesses, newest first — when, and which care setting; never who. An access is a notification
 * the server sent (one request may have notified several LAs: it counts once).
 */
public final class AccessHistoryProvider {

    private final PatientResolver patients;
    private final IFhirResourceDao<Communication> notifications;
    private final int size;

    AccessHistoryProvider(PatientResolver patients, IFhirResourceDao<Communication> notifications, int size) {
        this.patients = patients;
        this.notifications = notifications;
        this.size = size;
    }

    @Description(shortDefinition = "A child's last unscheduled-care accesses (when, which care setting), newest first")
    @Operation(name = Operations.ACCESS_HISTORY, type = Patient.class, idempotent = true)
    public Parameters accessHistory(
            @OperationParam(name = "identifier", min = 1, max = 1) TokenParam identifier, RequestDetails request) {
        String nhsNumber = NhsNumber.fromToken(identifier == null ? null : identifier.getSystem() + "|" + identifier.getValue())
                .orElseThrow(() -> new InvalidRequestException("identifier must be a valid NHS number: "
                        + Identifiers.NHS_NUMBER + "|<10 digits with a correct check digit>"));
        // The answer says whether CP-IS holds the child: audited like any lookup.
        ShownPatients.of(request).lookedUp(nhsNumber);

        Parameters history = new Parameters();
        Optional<String> patientId = patients.patientIdOf(nhsNumber);
        if (patientId.isEmpty()) {
            return history;
        }
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                Communication.SP_SUBJECT, new ReferenceParam("Patient/" + patientId.get()));
        query.setSort(new SortSpec(Communication.SP_SENT, SortOrderEnum.DESC));
        // Each access notified at most a few LAs: this many notifications hold the last `size` accesses.
        query.setLoadSynchronousUpTo(size * 4);
        Set<String> accesses = new HashSet<>();
        for (IBaseResource found : notifications.search(query, new SystemRequestDetails()).getAllResources()) {
            Communication notification = (Communication) found;
            String access = notification.getIdentifier().stream()
                    .filter(i -> Identifiers.ACCESS.equals(i.getSystem()))
                    .map(i -> i.getValue())
                    .findFirst()
                    .orElse(notification.getIdElement().getIdPart());
            if (accesses.add(access)) {
                Parameters.ParametersParameterComponent entry = history.addParameter().setName("access");
                entry.addPart().setName("recorded").setValue(new InstantType(notification.getSent()));
                entry.addPart().setName("careSetting").setValue(notification.getSender().copy());
                if (accesses.size() == size) {
                    break;
                }
            }
        }
        return history;
    }
}
