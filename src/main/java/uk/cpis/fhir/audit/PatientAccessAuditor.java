package uk.cpis.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.access.CurrentCaller;
import uk.cpis.fhir.contract.NhsNumberLookup;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards every response that carries a patient's CP-IS data: before a byte of it is sent, the access is recorded
 * (AuditEvents, and notifications to the LAs for unscheduled care). If the records cannot be stored the response
 * is replaced by a 503: nothing leaks unaudited.
 */
@Interceptor
public final class PatientAccessAuditor implements RestServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PatientAccessAuditor.class);

    private final AccessRecorder recorder;

    PatientAccessAuditor(AccessRecorder recorder) {
        this.recorder = recorder;
    }

    /** Called after the response is built and before it is written (HAPI streams it only if this returns). */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = HookOrder.AUDIT)
    public void serverOutgoingResponse(RequestDetails theRequest, IBaseResource theResponse) {
        if (theRequest == null || theRequest instanceof SystemRequestDetails) {
            return;
        }
        CallerClaims caller = CurrentCaller.of(theRequest).orElse(null);
        if (caller == null) {
            return; // anonymous callers only read the published conformance resources
        }
        ShownPatients shown = ShownPatients.of(theRequest);
        NhsNumberLookup.of(theRequest).forEach(shown::lookedUp);
        if (shown.isEmpty()) {
            return;
        }
        if (CompleteFlagLookup.holdsEveryFlag(theRequest.getRestOperationType(), theRequest.getResourceName(),
                theRequest.getParameters(), theResponse)) {
            shown.everyFlagShown();
        }
        try {
            recorder.record(theRequest, caller, shown);
        } catch (RuntimeException e) {
            log.error("Access of request {} could not be recorded; the response is withheld", theRequest.getRequestId(), e);
            throw new AuditUnavailable();
        }
    }
}
