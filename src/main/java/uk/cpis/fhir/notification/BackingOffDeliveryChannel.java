package uk.cpis.fhir.notification;

import ca.uhn.fhir.jpa.subscription.channel.impl.LinkedBlockingChannel;
import ca.uhn.fhir.jpa.subscription.channel.impl.RetryPolicyProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;

/**
 * One LA subscription's delivery channel, run on the sending thread (see {@link StoredChangeDeliveryChannels}), that
 * stops trying an endpoint which refused a delivery until its {@link DeliveryBackOff} allows: a refused send throws,
 * so the notification's stored change stays stored for a later pass, without an HTTP call per notification while
 * the LA's system is down.
 */
final class BackingOffDeliveryChannel extends LinkedBlockingChannel {

    private final DeliveryBackOff backOff;

    BackingOffDeliveryChannel(String name, RetryPolicyProvider retryPolicy, DeliveryBackOff backOff) {
        super(name, null, () -> 0, retryPolicy); // no executor: the sender's thread delivers
        this.backOff = backOff;
    }

    @Override
    public boolean sendInternal(Message<?> message, long timeout) {
        if (!backOff.mayTry()) {
            throw new BackingOff(message, getChannelName() + " refused a delivery; next try after " + backOff.retryAt());
        }
        try {
            boolean sent = super.sendInternal(message, timeout);
            backOff.succeeded();
            return sent;
        } catch (RuntimeException e) {
            backOff.failed();
            throw e;
        }
    }

    /** True when the failure is this channel declining to try (no delivery was attempted). */
    static boolean isBackingOff(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BackingOff) {
                return true;
            }
        }
        return false;
    }

    /** A delivery not tried: the endpoint is waiting out its back-off. */
    static final class BackingOff extends MessageDeliveryException {
        BackingOff(Message<?> message, String description) {
            super(message, description);
        }
    }
}
