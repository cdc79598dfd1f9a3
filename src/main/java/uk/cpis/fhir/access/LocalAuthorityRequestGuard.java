package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Guards other LAs' children from a local authority: its searches of Flag, EpisodeOfCare and Communication are
 * narrowed to what it authored, manages or receives (so others' records never appear, and totals count only its
 * own); it reads Flag, EpisodeOfCare and Communication by id (each checked against ownership on the way out),
 * writes only by posting a submission bundle, and subscribes to its own notifications. Patients and Organizations reach it only through its own flags.
 * A submission bundle carries writes only: a GET entry would be a search this guard never narrowed.
 */
@Interceptor
public final class LocalAuthorityRequestGuard {

    /** The search parameter, per type, that says which LA a resource belongs to. */
    private static final Map<String, String> OWNER_PARAMETER = Map.of(
            "Flag", "author:Organization.identifier",
            "EpisodeOfCare", "organization:Organization.identifier",
            "Communication", "recipient:Organization.identifier");
    private static final Set<String> READABLE_BY_ID = Set.of("Flag", "EpisodeOfCare", "Communication", "Subscription");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void serverIncomingRequestPostProcessed(RequestDetails theRequest) {
        CallerClaims caller = CurrentCaller.of(theRequest)
                .filter(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY)
                .orElse(null);
        if (caller == null) {
            return;
        }
        RestOperationTypeEnum operation = theRequest.getRestOperationType();
        String type = theRequest.getResourceName();
        switch (operation) {
            // A page of a stored search is checked resource by resource on the way out, like the search was.
            case METADATA, TRANSACTION, GET_PAGE -> { }
            case READ, VREAD -> {
                if (!READABLE_BY_ID.contains(type) && !CpisAuthorizationInterceptor.CONFORMANCE_TYPES.contains(type)) {
                    throw refused();
                }
            }
            case SEARCH_TYPE -> narrow(theRequest, type, caller.organisation());
            // Its own notification subscriptions (LocalAuthoritySubscriptionGuard checks which).
            case CREATE, UPDATE, DELETE -> {
                if (!"Subscription".equals(type)) {
                    throw refused();
                }
            }
            case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_SERVER -> {
                if (!"$validate".equals(theRequest.getOperation())) {
                    throw refused();
                }
            }
            default -> throw refused();
        }
    }

    /** Bundles are parsed by now: refuse one that would read past the narrowing above. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serverIncomingRequestPreHandled(RequestDetails theRequest) {
        boolean localAuthority = CurrentCaller.of(theRequest)
                .map(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY)
                .orElse(false);
        RestOperationTypeEnum operation = theRequest.getRestOperationType();
        if (localAuthority && (operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
                && TransactionEntries.anyRead(theRequest)) {
            throw Forbidden.because("A local authority's bundle submits plans and flags; it may not carry GET entries"
                    + " (search or read with a request of its own)");
        }
    }

    private static void narrow(RequestDetails request, String type, String odsCode) {
        if (CpisAuthorizationInterceptor.CONFORMANCE_TYPES.contains(type)) {
            return;
        }
        String owner = OWNER_PARAMETER.get(type);
        if (owner == null || odsCode == null || odsCode.isBlank()) {
            throw refused();
        }
        Map<String, String[]> parameters = new HashMap<>(request.getParameters());
        String[] existing = parameters.getOrDefault(owner, new String[0]);
        String[] narrowed = java.util.Arrays.copyOf(existing, existing.length + 1);
        narrowed[existing.length] = Identifiers.ODS_CODE + "|" + odsCode;
        parameters.put(owner, narrowed);
        request.setParameters(parameters);
    }

    private static ForbiddenOperationException refused() {
        return Forbidden.because("A local authority submits bundles and reads its own plans, flags and"
                + " notifications; this request is not allowed");
    }
}
