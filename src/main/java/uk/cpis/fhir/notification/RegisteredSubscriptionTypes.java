package uk.cpis.fhir.notification;

import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionCriteriaParser;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;

/**
 * Whether some Subscription in this node's registry could match a resource of a given type: when none could,
 * HAPI's matcher would deliver a change of that type nowhere, so it need not be offered to it. Changes to
 * Subscriptions themselves always concern HAPI: they are how a Subscription is activated and registered.
 */
final class RegisteredSubscriptionTypes {

    private final SubscriptionRegistry registry;

    RegisteredSubscriptionTypes(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    boolean couldMatch(String type) {
        return "Subscription".equals(type)
                || registry.getAll().stream().anyMatch(subscription -> couldMatch(subscription, type));
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
