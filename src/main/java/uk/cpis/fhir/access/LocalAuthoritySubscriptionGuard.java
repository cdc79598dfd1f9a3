package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Guards an LA's Subscriptions: a local authority may subscribe only to the notifications addressed to it
 * ({@code Communication?recipient=Organization/<its own id>}), by rest-hook, and may change or remove only
 * such subscriptions of its own. (The endpoint's URL pattern is HAPI's check, configured in the notification
 * settings.)
 */
@Interceptor
public final class LocalAuthoritySubscriptionGuard implements StorageInterceptor {

    private final LocalAuthorityOwnership ownership;

    public LocalAuthoritySubscriptionGuard(LocalAuthorityOwnership ownership) {
        this.ownership = ownership;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void resourceCreated(IBaseResource theResource, RequestDetails theRequest) {
        check(theResource, theRequest);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void resourceUpdated(IBaseResource theOldResource, IBaseResource theResource, RequestDetails theRequest) {
        check(theOldResource, theRequest);
        check(theResource, theRequest);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void resourceDeleted(IBaseResource theResource, RequestDetails theRequest) {
        check(theResource, theRequest);
    }

    private void check(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof Subscription subscription)) {
            return;
        }
        String odsCode = CurrentCaller.of(request)
                .filter(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY)
                .map(CallerClaims::organisation)
                .orElse(null);
        if (odsCode == null) {
            return; // other roles' writes are decided by the authorisation rules (only admin may)
        }
        if (subscription.getChannel().getType() != Subscription.SubscriptionChannelType.RESTHOOK
                || !ownership.ownedBy(subscription, odsCode, request)) {
            throw Forbidden.because("A local authority may subscribe only by rest-hook, and only to the"
                    + " notifications addressed to it: criteria Communication?recipient=Organization/<its own id>");
        }
    }
}
