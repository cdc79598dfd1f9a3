package uk.cpis.fhir.server;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's one clock: every time-dependent decision (plan dates, retention cut-offs, token lifetimes, the
 * time stamped on audit records) reads it, so a test can fix it, and all of them agree on what "now" is.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    /**
     * Plan dates are calendar dates in England: "today" and "12 months after the plan ended" are counted there.
     * Instants (audit times, token expiry) do not depend on the zone.
     */
    public static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    @Bean
    Clock clock() {
        return Clock.system(ENGLAND);
    }
}
