package uk.cpis.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The batch counterpart of {@link ContentionAnswer}: HAPI answers a batch entry that lost a race at the database
 * with a 500 in that entry. Such an entry is rolled back alone and may simply be sent again, so it is answered
 * {@code 503} with a {@code transient} OperationOutcome saying so.
 */
@Interceptor(order = HookOrder.BATCH_ENTRY_ANSWERS)
public final class BatchEntryCollisionAnswer implements RestServerInterceptor {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void serverOutgoingResponse(IBaseResource theResponseObject) {
        if (!(theResponseObject instanceof Bundle answer) || answer.getType() != Bundle.BundleType.BATCHRESPONSE) {
            return;
        }
        for (Bundle.BundleEntryComponent entry : answer.getEntry()) {
            Bundle.BundleEntryResponseComponent response = entry.getResponse();
            if (response.getStatus() == null || !response.getStatus().startsWith("500")
                    || !(response.getOutcome() instanceof OperationOutcome outcome)) {
                continue;
            }
            boolean collision = outcome.getIssue().stream().anyMatch(i -> i.getDiagnostics() != null
                    && ContentionAnswer.isCollision(new RuntimeException(i.getDiagnostics())));
            if (collision) {
                OperationOutcome retry = new OperationOutcome();
                retry.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.TRANSIENT)
                        .setDiagnostics("Another change to the same records was being stored at the same moment; this entry"
                                + " was not stored. Send it again.");
                response.setStatus("503 Service Unavailable").setOutcome(retry);
            }
        }
    }
}
