package uk.cpis.fhir.notification;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import uk.cpis.fhir.metrics.OperatorMeters;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Counts each notification pushed to an LA's endpoint, and each failed attempt (HAPI retries it from its queue),
 * for the operators' metrics. Changes nothing in the delivery.
 */
@Interceptor
public final class DeliveryCountingInterceptor implements StorageInterceptor {

    private final OperatorMeters meters;

    public DeliveryCountingInterceptor(OperatorMeters meters) {
        this.meters = meters;
    }

    @Hook(Pointcut.SUBSCRIPTION_AFTER_REST_HOOK_DELIVERY)
    public void delivered() {
        meters.delivery(true);
    }

    /** True: HAPI goes on handling the failure as it would (its retry), this only counts it. */
    @Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY_FAILED)
    public boolean failed() {
        meters.delivery(false);
        return true;
    }
}
