package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import java.util.Set;
import uk.cpis.fhir.contract.CpisContract.Operations;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * Guards against "fishing": a clinician finds a child only by an exact, valid NHS number — a search of Flag or
 * EpisodeOfCare by {@code patient.identifier}, or of Patient by {@code identifier} — with the {@code _include}s
 * the guide documents, reads an LA's Organization or Practitioner by id, and asks for a child's access history
 * ({@code Patient/$cpis-access-history}) by exact NHS number. Nothing else: no name or birth-date
 * searches, no listing, no history, no paging through stored searches, no writes.
 */
@Interceptor
public final class ClinicianLookupGuard {

    private static final Map<String, String> NHS_NUMBER_PARAMETER = Map.of(
            "Flag", "patient.identifier",
            "EpisodeOfCare", "patient.identifier",
            "Patient", "identifier");
    private static final Set<String> SHAPING_PARAMETERS = Set.of("_count", "_format", "_pretty", "_summary", "_elements");
    private static final Set<String> DOCUMENTED_INCLUDES = Set.of(
            "Flag:author", "Flag:subject", "Flag:patient", "Flag:detail",
            "EpisodeOfCare:patient", "EpisodeOfCare:organization", "EpisodeOfCare:care-manager");
    private static final Set<String> READABLE_BY_ID = Set.of("Organization", "Practitioner");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void serverIncomingRequestPostProcessed(RequestDetails theRequest) {
        boolean clinician = CurrentCaller.of(theRequest)
                .map(c -> c.role() == CallerClaims.Role.CLINICIAN)
                .orElse(false);
        if (!clinician) {
            return;
        }
        RestOperationTypeEnum operation = theRequest.getRestOperationType();
        if (operation == RestOperationTypeEnum.METADATA || isValidate(theRequest)) {
            return;
        }
        if (operation == RestOperationTypeEnum.READ && READABLE_BY_ID.contains(theRequest.getResourceName())) {
            return;
        }
        if (operation == RestOperationTypeEnum.SEARCH_TYPE && isLookupByNhsNumber(theRequest)) {
            return;
        }
        if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE && isAccessHistoryByNhsNumber(theRequest)) {
            return;
        }
        if ((operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.SEARCH_TYPE)
                && CpisAuthorizationInterceptor.CONFORMANCE_TYPES.contains(theRequest.getResourceName())) {
            return;
        }
        throw Forbidden.because("A clinician looks a child up by exact NHS number only (see the"
                + " guide's clinician lookup page); this request is not allowed");
    }

    private static boolean isValidate(RequestDetails request) {
        return "$validate".equals(request.getOperation());
    }

    private static boolean isLookupByNhsNumber(RequestDetails request) {
        String nhsParameter = NHS_NUMBER_PARAMETER.get(request.getResourceName());
        if (nhsParameter == null) {
            return false;
        }
        boolean hasNhsNumber = false;
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            String[] values = parameter.getValue();
            if (name.equals(nhsParameter) || name.equals(nhsParameter.replace("patient.", "patient:Patient."))) {
                if (values.length != 1 || !isExactNhsNumber(values[0])) {
                    return false;
                }
                hasNhsNumber = true;
            } else if (name.equals("_include")) {
                for (String value : values) {
                    if (!DOCUMENTED_INCLUDES.contains(value)) {
                        return false;
                    }
                }
            } else if (!SHAPING_PARAMETERS.contains(name)) {
                return false;
            }
        }
        return hasNhsNumber;
    }

    private static boolean isAccessHistoryByNhsNumber(RequestDetails request) {
        if (!Operations.ACCESS_HISTORY.equals(request.getOperation()) || !"Patient".equals(request.getResourceName())) {
            return false;
        }
        Map<String, String[]> parameters = request.getParameters();
        String[] identifier = parameters.get("identifier");
        return identifier != null && identifier.length == 1 && isExactNhsNumber(identifier[0])
                && parameters.keySet().stream().allMatch(n -> n.equals("identifier") || SHAPING_PARAMETERS.contains(n));
    }

    private static boolean isExactNhsNumber(String token) {
        return NhsNumber.fromToken(token).isPresent();
    }
}
