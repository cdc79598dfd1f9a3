package uk.cpis.fhir.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When an LA endpoint that refused a delivery is tried again: after the first delay, doubling with each further
 * failure up to the longest, and at once after a success. While it waits, its notifications are not sent (they stay
 * stored) and the other LAs' notifications go on being delivered. Thread-safe; one per LA subscription.
 */
final class DeliveryBackOff {

    private final Clock clock;
    private final Duration first;
    private final Duration longest;
    private int failures;
    private Instant retryAt = Instant.MIN;

    DeliveryBackOff(Clock clock, Duration first, Duration longest) {
        this.clock = clock;
        this.first = first;
        this.longest = longest;
    }

    /** True when a delivery may be tried now. */
    synchronized boolean mayTry() {
        return !clock.instant().isBefore(retryAt);
    }

    /** When the next delivery may be tried ({@link Instant#MIN} while nothing has failed). */
    synchronized Instant retryAt() {
        return retryAt;
    }

    synchronized void failed() {
        failures++;
        retryAt = clock.instant().plus(delayAfter(failures));
    }

    synchronized void succeeded() {
        failures = 0;
        retryAt = Instant.MIN;
    }

    /** The wait after this many failures in a row. */
    Duration delayAfter(int failuresInARow) {
        Duration delay = first;
        for (int i = 1; i < failuresInARow && delay.compareTo(longest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(longest) < 0 ? delay : longest;
    }
}
