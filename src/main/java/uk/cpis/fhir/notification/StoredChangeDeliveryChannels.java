package uk.cpis.fhir.notification;

import ca.uhn.fhir.broker.api.IChannelNamer;
import ca.uhn.fhir.jpa.subscription.channel.impl.LinkedBlockingChannel;
import ca.uhn.fhir.jpa.subscription.channel.impl.LinkedBlockingChannelFactory;
import ca.uhn.fhir.jpa.subscription.channel.impl.RetryPolicyProvider;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionMatchingListener;
import jakarta.annotation.Nonnull;
import java.time.Clock;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.NoBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;

/**
 * HAPI's in-memory channels, except that the subscription channels (matching, and each subscription's delivery)
 * run on the thread that sends into them. HAPI's delivery job takes a stored change by deleting its row in a
 * transaction of its own and commits after the send returns; with these channels the send returns only after the
 * LA's endpoint has answered. So a change is gone from the database only once delivered, and a node stopped or
 * killed in between leaves it stored (its transaction rolls back) for any node's next pass. A failed delivery
 * throws back to the job, which rolls the delete back. Other channels (HAPI's batch jobs) stay as HAPI makes them.
 *
 * <p>A delivery may be repeated (a node dying after the LA answered but before the commit): at least once, and an
 * LA's system sees the same Communication id and version again. One attempt per pass: HAPI's in-memory retries
 * (a minute, blocking) are replaced by the next pass and each endpoint's {@link DeliveryBackOff}.
 */
final class StoredChangeDeliveryChannels extends LinkedBlockingChannelFactory {

    private static final String DELIVERY_CHANNEL_PREFIX = "subscription-delivery-";

    /** One attempt, no waiting: a failure goes straight back to the job. */
    private static final RetryPolicyProvider ONE_ATTEMPT = new RetryPolicyProvider() {
        @Override
        protected RetryPolicy retryPolicy() {
            return new SimpleRetryPolicy(1);
        }

        @Override
        protected BackOffPolicy backOffPolicy() {
            return new NoBackOffPolicy();
        }
    };

    private final Clock clock;
    private final NotificationProperties settings;

    StoredChangeDeliveryChannels(IChannelNamer namer, RetryPolicyProvider hapiRetries, Clock clock,
            NotificationProperties settings) {
        super(namer, hapiRetries);
        this.clock = clock;
        this.settings = settings;
    }

    @Nonnull
    @Override
    protected LinkedBlockingChannel buildLinkedBlockingChannel(int consumers, String name) {
        if (SubscriptionMatchingListener.SUBSCRIPTION_MATCHING_CHANNEL_NAME.equals(name)) {
            return LinkedBlockingChannel.newSynchronous(name, ONE_ATTEMPT);
        }
        if (name.startsWith(DELIVERY_CHANNEL_PREFIX)) {
            return new BackingOffDeliveryChannel(name, ONE_ATTEMPT,
                    new DeliveryBackOff(clock, settings.retryFirstDelay(), settings.retryLongestDelay()));
        }
        return super.buildLinkedBlockingChannel(consumers, name);
    }
}
