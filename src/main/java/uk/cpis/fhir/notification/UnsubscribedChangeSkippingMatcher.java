package uk.cpis.fhir.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SubscriptionMatcherInterceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's subscription matcher, offered a stored change only when some active Subscription could match a resource
 * of its type. HAPI otherwise builds a message for every change of every type (encoding the resource to JSON
 * once more), persists it to its queue and matches it in the background: each AuditEvent a lookup leaves, each
 * patient, plan and flag an LA submits, although LAs subscribe to notifications (Communication) alone.
 *
 * <p>Two types always go through. Subscriptions: their changes are how a subscription becomes active.
 * Communications (the notifications LAs subscribe to): this node's registry learns of a Subscription another node
 * activated only at its next sync, up to a minute later, and a notification skipped meanwhile would never reach
 * the LA; the delivery pass matches against the Subscriptions in the database ({@link StoredChangeDeliveryPass}).
 * A Subscription of another type (an operator's) takes effect on each node at that node's next sync.
 *
 * <p>It takes the place of HAPI's own {@code subscriptionMatcherInterceptor} bean (see {@link NotificationConfig}),
 * so the check runs before HAPI builds the message, not after.
 */
public class UnsubscribedChangeSkippingMatcher extends SubscriptionMatcherInterceptor {

    /** The notifications' type, offered whatever this node's registry holds (see above). */
    private static final String NOTIFICATION_TYPE = "Communication";

    private final RegisteredSubscriptionTypes subscribed;
    private final FhirContext fhirContext;

    public UnsubscribedChangeSkippingMatcher(SubscriptionRegistry subscriptions, FhirContext fhirContext) {
        this.subscribed = new RegisteredSubscriptionTypes(subscriptions);
        this.fhirContext = fhirContext;
        setFhirContext(fhirContext);
    }

    @Override
    protected void processResourceModifiedEvent(IBaseResource theNewResource,
            ResourceModifiedMessage.OperationTypeEnum theOperationType, RequestDetails theRequest) {
        if (couldBeSubscribed(fhirContext.getResourceType(theNewResource))) {
            super.processResourceModifiedEvent(theNewResource, theOperationType, theRequest);
        }
    }

    /** True when a change of this type is always offered, or some Subscription this node holds could match it. */
    boolean couldBeSubscribed(String type) {
        return NOTIFICATION_TYPE.equals(type) || subscribed.couldMatch(type);
    }
}
