package uk.cpis.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import org.junit.jupiter.api.Test;

/** Which changes are offered to HAPI's matcher on a node whose registry holds no Subscription (yet). */
class UnsubscribedChangeSkippingMatcherTest {

    private final UnsubscribedChangeSkippingMatcher matcher =
            new UnsubscribedChangeSkippingMatcher(new SubscriptionRegistry(), FhirContext.forR4Cached());

    @Test
    void offersNotificationsBeforeThisNodeHasLoadedAnySubscription() {
        // Another node may have activated an LA's Subscription that this node learns of only at its next sync.
        assertThat(matcher.couldBeSubscribed("Communication")).isTrue();
    }

    @Test
    void offersChangesToSubscriptionsThemselves() {
        assertThat(matcher.couldBeSubscribed("Subscription")).isTrue();
    }

    @Test
    void skipsAuditEventsAndSubmittedRecordsWhileNoSubscriptionCouldMatchThem() {
        assertThat(matcher.couldBeSubscribed("AuditEvent")).isFalse();
        assertThat(matcher.couldBeSubscribed("Flag")).isFalse();
        assertThat(matcher.couldBeSubscribed("Patient")).isFalse();
    }
}
