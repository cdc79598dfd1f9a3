package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Marks the moment a batch arrives, so that its records are judged entry by entry as HAPI stores them. HAPI's
 * authorisation checks each write entry of a bundle once as the bundle arrives, refusing the whole bundle if one
 * fails, and again as each entry is stored. That is right for a transaction (all or nothing); a batch entry that
 * writes another LA's record must fail alone, so during the arrival check (and only then: the mark is lifted
 * right after it) record testers pass batch entries, and the storage check, which always follows, decides.
 */
@Interceptor
public final class BatchArrival implements RestServerInterceptor {

    private static final String ARRIVING = BatchArrival.class.getName();

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = HookOrder.AUTHORISATION - 1)
    public void arriving(RequestDetails theRequest) {
        if (theRequest.getResource() instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.BATCH) {
            theRequest.getUserData().put(ARRIVING, theRequest);
        }
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = HookOrder.AUTHORISATION + 1)
    public void arrived(RequestDetails theRequest) {
        theRequest.getUserData().remove(ARRIVING);
    }

    /** True only while HAPI's arrival check of a batch runs. */
    static boolean isArriving(RequestDetails request) {
        return request != null && request.getUserData().get(ARRIVING) == request;
    }
}
