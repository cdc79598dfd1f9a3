package uk.cpis.fhir.retention;

import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention settings once: removes expired plans (with their flags and notifications), then, if their
 * own retention is set, expired AuditEvents. The job and the admin operation both come here.
 */
final class RetentionPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetentionPolicy.class);

    private final RetentionProperties settings;
    private final ExpiredPlanRemoval plans;
    private final ExpiredAuditEventRemoval auditEvents;
    /** One run at a time in this server: a second caller waits, then finds what the first left. */
    private final ReentrantLock running = new ReentrantLock();

    RetentionPolicy(RetentionProperties settings, ExpiredPlanRemoval plans, ExpiredAuditEventRemoval auditEvents) {
        this.settings = settings;
        this.plans = plans;
        this.auditEvents = auditEvents;
    }

    RetentionOutcome apply(Remover remover) {
        running.lock();
        try {
            RetentionOutcome removed = plans.removeExpired(settings.planRetention(), settings.chunkSize(), remover);
            if (settings.auditEventRetention() != null) {
                removed = removed.plus(auditEvents.removeExpired(
                        settings.auditEventRetention(), settings.chunkSize(), remover));
            }
            log.info("Retention removed {} plans, {} flags, {} notifications, {} AuditEvents", removed.plans(),
                    removed.flags(), removed.notifications(), removed.auditEvents());
            return removed;
        } finally {
            running.unlock();
        }
    }
}
