package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.util.UrlUtil;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import java.util.Set;
import uk.cpis.fhir.contract.CpisContract.Operations;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * Guards against "fishing": a clinician finds a child only by an exact, valid NHS number — a search of Flag or
 * EpisodeOfCare by {@code patient.identifier}, or of Patient by {@code identifier} — with the {@code _include}s
 * the guide documents, and asks for a child's access history ({@code Patient/$cpis-access-history}) by exact NHS
 * number. It may then read by id, and page through, records of a child it so found ({@link ClinicianFoundPatients}
 * checks each on the way out), read an LA's Organization or Practitioner by id, and send any of these as the GET
 * entries of a transaction or batch. Nothing else: no name or birth-date searches, no listing, no history, no writes.
 *
 * <p>It runs when a request is about to be handled, which HAPI also signals for each GET entry of a transaction
 * and for each page of a search, so every one of those is held to the same rules.
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
    private static final Set<String> READABLE_BY_ID = Set.of("Organization", "Practitioner", "Flag", "EpisodeOfCare", "Patient");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serverIncomingRequestPreHandled(RequestDetails theRequest) {
        boolean clinician = CurrentCaller.of(theRequest)
                .map(c -> c.role() == CallerClaims.Role.CLINICIAN)
                .orElse(false);
        if (!clinician) {
            return;
        }
        RestOperationTypeEnum operation = theRequest.getRestOperationType();
        boolean allowed = switch (operation) {
            // A bundle of reads, each of which would be allowed alone: refused whole otherwise, so that a
            // bundle never answers its allowed lookups beside a refused one.
            case TRANSACTION, BATCH -> TransactionEntries.onlyReads(theRequest)
                    && ((Bundle) theRequest.getResource()).getEntry().stream()
                            .allMatch(e -> entryAllowed(e.getRequest().getUrl()));
            default -> allowed(operation, theRequest.getResourceName(), theRequest.getOperation(),
                    theRequest.getParameters());
        };
        if (!allowed) {
            throw Forbidden.because("A clinician looks a child up by exact NHS number only (see the"
                    + " guide's clinician lookup page); this request is not allowed");
        }
    }

    private static boolean allowed(RestOperationTypeEnum operation, String type, String operationName,
            Map<String, String[]> parameters) {
        return switch (operation) {
            case METADATA -> true;
            // Which records come back is checked on the way out (ClinicianFoundPatients).
            case READ -> READABLE_BY_ID.contains(type) || CpisAuthorizationInterceptor.CONFORMANCE_TYPES.contains(type);
            case GET_PAGE -> true;
            case SEARCH_TYPE -> isLookupByNhsNumber(type, parameters)
                    || CpisAuthorizationInterceptor.CONFORMANCE_TYPES.contains(type);
            case EXTENDED_OPERATION_TYPE -> "$validate".equals(operationName)
                    || isAccessHistoryByNhsNumber(type, operationName, parameters);
            case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_SERVER -> "$validate".equals(operationName);
            default -> false;
        };
    }

    /** A GET entry's URL ("Flag?patient.identifier=…", "Flag/123"), judged as the request it stands for. */
    private static boolean entryAllowed(String url) {
        if (url == null || url.startsWith("http") || url.contains("_history")) {
            return false;
        }
        UrlUtil.UrlParts parts;
        try {
            parts = UrlUtil.parseUrl(url);
        } catch (RuntimeException malformed) {
            return false;
        }
        Map<String, String[]> parameters = parts.getParams() == null ? Map.of() : UrlUtil.parseQueryString(parts.getParams());
        String id = parts.getResourceId();
        if (id == null) {
            return allowed(RestOperationTypeEnum.SEARCH_TYPE, parts.getResourceType(), null, parameters);
        }
        if (id.startsWith("$")) {
            return allowed(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, parts.getResourceType(), id, parameters);
        }
        return parts.getVersionId() == null && parameters.isEmpty() && id.matches("[A-Za-z0-9\\-.]{1,64}")
                && allowed(RestOperationTypeEnum.READ, parts.getResourceType(), null, parameters);
    }

    private static boolean isLookupByNhsNumber(String type, Map<String, String[]> parameters) {
        String nhsParameter = type == null ? null : NHS_NUMBER_PARAMETER.get(type);
        if (nhsParameter == null) {
            return false;
        }
        boolean hasNhsNumber = false;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
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

    private static boolean isAccessHistoryByNhsNumber(String type, String operationName, Map<String, String[]> parameters) {
        if (!Operations.ACCESS_HISTORY.equals(operationName) || !"Patient".equals(type)) {
            return false;
        }
        String[] identifier = parameters.get("identifier");
        return identifier != null && identifier.length == 1 && isExactNhsNumber(identifier[0])
                && parameters.keySet().stream().allMatch(n -> n.equals("identifier") || SHAPING_PARAMETERS.contains(n));
    }

    private static boolean isExactNhsNumber(String token) {
        return NhsNumber.fromToken(token).isPresent();
    }
}
