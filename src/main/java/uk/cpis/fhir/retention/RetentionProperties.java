package uk.cpis.fhir.retention;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long CP-IS keeps records, and when it removes the expired ones, bound from {@code cpis.retention.*}.
 *
 * @param planRetention how long a plan, its flags and their access notifications are kept after the plan ended
 *     (default {@code P12M}, as the NHS service does)
 * @param auditEventRetention how long AuditEvents are kept after they were recorded; null (the default) keeps
 *     them for ever
 * @param schedule when the retention job runs (Spring cron: second minute hour day month weekday; default 02:30
 *     every night, server time)
 * @param scheduleEnabled false: the job never runs by itself, only the admin operation removes records
 * @param chunkSize plans (or AuditEvents) removed per database transaction
 */
@ConfigurationProperties("cpis.retention")
public record RetentionProperties(
        @DefaultValue("P12M") Period planRetention,
        Period auditEventRetention,
        @DefaultValue("0 30 2 * * *") String schedule,
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("50") int chunkSize) {

    public RetentionProperties {
        if (planRetention.isNegative() || planRetention.isZero()) {
            throw new IllegalArgumentException("cpis.retention.plan-retention must be a positive period, e.g. P12M");
        }
        if (auditEventRetention != null && auditEventRetention.isNegative()) {
            throw new IllegalArgumentException("cpis.retention.audit-event-retention must not be negative");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("cpis.retention.chunk-size must be at least 1");
        }
    }
}
