package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards the front of every request path with the access policy's allowlist ({@link RequestPolicy}): a plain
 * request as soon as HAPI has parsed it (before any narrowing adds parameters of the server's own), and each
 * request HAPI hands on later — each GET entry of a bundle, each page — as it is about to be handled. A request
 * the policy does not list is refused with 403 before the database is asked.
 */
@Interceptor(order = HookOrder.REQUEST_POLICY)
public final class RequestPolicyGuard implements RestServerInterceptor {

    /** The request this guard has already judged (HAPI signals both pointcuts for a top-level request). */
    private static final String JUDGED = RequestPolicyGuard.class.getName() + ".judged";

    private final AccessPolicy policy;

    public RequestPolicyGuard(AccessPolicy policy) {
        this.policy = policy;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void serverIncomingRequestPostProcessed(RequestDetails theRequest) {
        judge(theRequest);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serverIncomingRequestPreHandled(RequestDetails theRequest) {
        // Sub-requests (bundle entries) may share the parent's user data: mark by identity, not by presence.
        if (theRequest.getUserData().get(JUDGED) != theRequest) {
            judge(theRequest);
        }
    }

    private void judge(RequestDetails request) {
        AccessPolicy.Caller caller = AccessPolicy.Caller.of(CurrentCaller.of(request));
        Optional<String> refusal = RequestPolicy.refusal(policy.of(caller), describe(request));
        if (refusal.isPresent()) {
            throw Forbidden.because("Access denied: " + refusal.get());
        }
        // A bundle's body is parsed only after the first pointcut: judge it again, entries and all, at the second.
        if (!(request.getResource() == null && isBundle(request))) {
            request.getUserData().put(JUDGED, request);
        }
    }

    /** A posted transaction or batch: HAPI's REST layer reports both bundle types as TRANSACTION. */
    private static boolean isBundle(RequestDetails request) {
        return request.getRestOperationType() == ca.uhn.fhir.rest.api.RestOperationTypeEnum.TRANSACTION;
    }

    static RequestPolicy.Request describe(RequestDetails request) {
        List<RequestPolicy.Entry> entries = List.of();
        if (request.getResource() instanceof Bundle bundle) {
            entries = bundle.getEntry().stream()
                    .map(e -> new RequestPolicy.Entry(
                            e.getRequest().getMethod() == null ? null : e.getRequest().getMethod().toCode(),
                            e.getRequest().getUrl()))
                    .toList();
        }
        return new RequestPolicy.Request(request.getRestOperationType(), request.getResourceName(),
                request.getOperation(), request.getCompartmentName(), request.getParameters(), entries);
    }
}
