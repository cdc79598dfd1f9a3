package uk.cpis.fhir.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The meters an operator watches, by name, in one place: each capability reports its events here and never names a
 * meter itself. Tags carry only bounded values (a role, an outcome, a rule code, an HTTP status), never an NHS
 * number, an ODS code or a user: the metrics must not become another record of who looked at which child.
 */
public final class OperatorMeters {

    static final String LOOKUPS = "cpis.lookups";
    static final String SUBMISSIONS = "cpis.submissions";
    static final String SUBMISSION_REFUSALS = "cpis.submission.refusals";
    static final String REFUSALS = "cpis.refusals";
    static final String AUDIT_WRITE = "cpis.audit.write";
    static final String DELIVERIES = "cpis.notification.deliveries";
    static final String WAITING = "cpis.notification.waiting";
    static final String RETENTION_REMOVALS = "cpis.retention.removals";

    private final MeterRegistry registry;

    public OperatorMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One request that showed patient data and was recorded (AuditEvent, and notification where due). */
    public void accessRecorded(String role, boolean notified) {
        Counter.builder(LOOKUPS).description("Requests that showed CP-IS patient data, each recorded before the answer")
                .tag("role", role).tag("notified", Boolean.toString(notified)).register(registry).increment();
    }

    /** One LA submission judged before storage: accepted for storing, or refused (422). */
    public void submission(boolean accepted) {
        Counter.builder(SUBMISSIONS).description("LA submissions (transactions, batches, files) judged before storage")
                .tag("outcome", accepted ? "accepted" : "refused").register(registry).increment();
    }

    /** One problem of a refused submission, by its rule (a code of CodeSystem cpis-submission-rule). */
    public void submissionProblem(String rule) {
        Counter.builder(SUBMISSION_REFUSALS).description("Problems found in refused submissions, by rule")
                .tag("rule", rule == null ? "none" : rule).register(registry).increment();
    }

    /** One request answered with an error status (401, 403, 404, 409, 413, 415, 422, 429, 5xx…). */
    public void refused(int status) {
        Counter.builder(REFUSALS).description("Requests answered with an error status, by status")
                .tag("status", Integer.toString(status)).register(registry).increment();
    }

    /** Times the writing of one request's access records (its database transaction). */
    public <T> T timeAuditWrite(Supplier<T> write) {
        return Timer.builder(AUDIT_WRITE).description("Writing one request's AuditEvents and notifications")
                .publishPercentiles(0.5, 0.99).register(registry).record(write);
    }

    /** One notification pushed to a subscribed LA endpoint, or one failed attempt. */
    public void delivery(boolean delivered) {
        Counter.builder(DELIVERIES).description("Notification deliveries to LA endpoints, by outcome")
                .tag("outcome", delivered ? "delivered" : "failed").register(registry).increment();
    }

    /**
     * Watches the stored changes not yet delivered (notifications waiting for their LA's endpoint, and changes not
     * yet taken by any node's delivery pass), read from the database at each scrape.
     */
    public void changesWaiting(Supplier<Long> count) {
        Gauge.builder(WAITING, count, c -> c.get().doubleValue())
                .description("Stored changes (notifications) waiting for delivery, on every node together")
                .strongReference(true) // the supplier is held by nothing else
                .register(registry);
    }

    /** Records removed by retention, of one kind (plans, flags, notifications, auditEvents). */
    public void retentionRemoved(String kind, int count) {
        Counter.builder(RETENTION_REMOVALS).description("Records removed by the retention policy, by kind")
                .tag("kind", kind.toLowerCase(Locale.ROOT)).register(registry).increment(count);
    }
}
