package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.SearchParameters;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Narrows a local authority's searches of Flag, EpisodeOfCare, Communication and its staff (Practitioner,
 * PractitionerRole, CareTeam) to what it authored, manages, receives or employs, so that others' records are
 * never found and totals count only its own. It adds a parameter of the
 * server's own after the policy has judged the client's; the authorisation rules still check each record.
 * An LA's bundle may not carry GET entries (the policy refuses them), so every LA search passes here.
 */
@Interceptor(order = HookOrder.LA_SEARCH_NARROWING)
public final class LocalAuthoritySearchNarrowing implements RestServerInterceptor {

    /** The search parameter, per type, that says which LA a resource belongs to. */
    private static final Map<String, String> OWNER_PARAMETER = Map.of(
            "Flag", "author:Organization.identifier",
            "EpisodeOfCare", "organization:Organization.identifier",
            "Communication", "recipient:Organization.identifier",
            "Practitioner", SearchParameters.STAFF_LOCAL_AUTHORITY + ":Organization.identifier",
            "PractitionerRole", "organization:Organization.identifier",
            "CareTeam", SearchParameters.STAFF_LOCAL_AUTHORITY + ":Organization.identifier");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void serverIncomingRequestPostProcessed(RequestDetails theRequest) {
        CallerClaims caller = CurrentCaller.of(theRequest)
                .filter(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY)
                .orElse(null);
        if (caller == null || theRequest.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE
                || AccessPolicy.CONFORMANCE_TYPES.contains(theRequest.getResourceName())) {
            return;
        }
        String owner = OWNER_PARAMETER.get(theRequest.getResourceName());
        String odsCode = caller.organisation();
        if (owner == null || odsCode == null || odsCode.isBlank()) {
            throw Forbidden.because("Access denied: a local authority searches its own plans, flags, notifications and staff only");
        }
        Map<String, String[]> parameters = new HashMap<>(theRequest.getParameters());
        String[] existing = parameters.getOrDefault(owner, new String[0]);
        String[] narrowed = Arrays.copyOf(existing, existing.length + 1);
        narrowed[existing.length] = Identifiers.ODS_CODE + "|" + odsCode;
        parameters.put(owner, narrowed);
        theRequest.setParameters(parameters);
    }
}
