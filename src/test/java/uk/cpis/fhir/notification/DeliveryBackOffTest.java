package uk.cpis.fhir.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeliveryBackOffTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final DeliveryBackOff backOff = new DeliveryBackOff(clock, Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void anEndpointThatNeverFailedIsTriedAtOnce() {
        assertThat(backOff.mayTry()).isTrue();
    }

    @Test
    void aRefusingEndpointIsLeftForTheFirstDelay() {
        backOff.failed();

        now = NOW.plusSeconds(4);
        assertThat(backOff.mayTry()).isFalse();
        now = NOW.plusSeconds(5);
        assertThat(backOff.mayTry()).isTrue();
    }

    @Test
    void theWaitDoublesWithEachRefusalInARowUpToTheLongest() {
        assertThat(backOff.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backOff.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backOff.delayAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backOff.delayAfter(7)).isEqualTo(Duration.ofSeconds(300)); // 320 s, capped
        assertThat(backOff.delayAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aDeliveryAfterRefusalsStartsTheCountAgain() {
        backOff.failed();
        backOff.failed();
        now = NOW.plusSeconds(10);
        backOff.succeeded();
        assertThat(backOff.mayTry()).isTrue();

        backOff.failed();
        assertThat(backOff.retryAt()).isEqualTo(now.plusSeconds(5));
    }
}
