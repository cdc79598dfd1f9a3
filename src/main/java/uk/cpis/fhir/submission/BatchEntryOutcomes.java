package uk.cpis.fhir.submission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Gives each refused entry of a batch the same OperationOutcome a transaction would get: every problem with its
 * location, issue code and rule code. HAPI answers a failed batch entry with an outcome of its own built from the
 * exception's message alone (code {@code exception}); the problems found when the batch was validated are kept,
 * per entry, and put back here.
 */
@Interceptor(order = HookOrder.BATCH_ENTRY_ANSWERS)
public final class BatchEntryOutcomes implements RestServerInterceptor {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void serverOutgoingResponse(RequestDetails theRequest, IBaseResource theResponseObject) {
        if (!(theResponseObject instanceof Bundle answer) || answer.getType() != Bundle.BundleType.BATCHRESPONSE
                || !(theRequest.getResource() instanceof Bundle batch)
                || !(theRequest.getUserData().get(SubmissionValidatingInterceptor.BATCH_ISSUES) instanceof Map<?, ?> byEntry)) {
            return;
        }
        for (int i = 0; i < Math.min(batch.getEntry().size(), answer.getEntry().size()); i++) {
            Bundle.BundleEntryResponseComponent response = answer.getEntry().get(i).getResponse();
            if (byEntry.get(batch.getEntry().get(i)) instanceof List<?> issues && !issues.isEmpty()
                    && response.getStatus() != null && response.getStatus().startsWith("422")) {
                @SuppressWarnings("unchecked")
                List<SubmissionIssue> problems = (List<SubmissionIssue>) issues;
                response.setOutcome((org.hl7.fhir.r4.model.OperationOutcome) SubmissionRejection.unprocessable(problems).getOperationOutcome());
            }
        }
    }
}
