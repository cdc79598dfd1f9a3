package uk.cpis.fhir.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionCriteriaParser;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;

/**
 * Lets HAPI queue a stored change for subscription matching only when some active Subscription could match a
 * resource of its type. HAPI otherwise writes every change of every type (each AuditEvent a lookup leaves, each
 * patient, plan and flag an LA submits) to its persisted queue and matches it in the background, although LAs
 * subscribe to notifications (Communication) alone. Changes to Subscriptions themselves always go through: they
 * are how a subscription becomes active.
 */
@Interceptor
public final class UnsubscribedChangeFilter {

    private final SubscriptionRegistry subscriptions;
    private final FhirContext fhirContext;

    public UnsubscribedChangeFilter(SubscriptionRegistry subscriptions, FhirContext fhirContext) {
        this.subscriptions = subscriptions;
        this.fhirContext = fhirContext;
    }

    /** Returning false drops the change before HAPI persists or matches it. */
    @Hook(Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED)
    public boolean subscriptionResourceModified(ResourceModifiedMessage theMessage) {
        String type = theMessage.getResourceType(fhirContext);
        return type == null || "Subscription".equals(type)
                || subscriptions.getAll().stream().anyMatch(subscription -> couldMatch(subscription, type));
    }

    private static boolean couldMatch(ActiveSubscription subscription, String type) {
        SubscriptionCriteriaParser.SubscriptionCriteria criteria = subscription.getCriteria();
        // Topic-based and wildcard subscriptions: let HAPI decide.
        return criteria == null
                || criteria.getType() == SubscriptionCriteriaParser.TypeEnum.STARTYPE_EXPRESSION
                || criteria.getApplicableResourceTypes() == null
                || criteria.getApplicableResourceTypes().contains(type);
    }
}
