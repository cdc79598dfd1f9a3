package uk.cpis.fhir.submission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Guards concurrent submissions touching the same child: when two transactions race (both conditionally create
 * the same Patient or Organization, or update the same plan), the database refuses the loser, and this tells
 * HAPI to run the loser's whole transaction again. On the rerun its conditional create finds what the winner
 * stored, so there is no duplicate, and its update applies on top of the winner's, so nothing is lost. An
 * explicit {@code If-Match} is a different thing: a stale version is still refused (412/409).
 */
@Interceptor
public final class SubmissionConflictRetryInterceptor implements StorageInterceptor {

    private final int maxRetries;

    public SubmissionConflictRetryInterceptor(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
    public ResourceVersionConflictResolutionStrategy storageVersionConflict(RequestDetails theRequest) {
        ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
        if (theRequest != null && theRequest.getHeader("If-Match") == null) {
            strategy.setRetry(true);
            strategy.setMaxRetries(maxRetries);
        }
        return strategy;
    }
}
