package uk.cpis.fhir.retention;

import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.SimpleLock;
import uk.cpis.fhir.metrics.OperatorMeters;
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
    /** How long the nightly job keeps the lock at least (its cron fires on every node at once). */
    private static final Duration JOB_HOLDS_AT_LEAST = Duration.ofMinutes(5);
    /** One run at a time across the nodes sharing the database. */
    private final RetentionLock acrossNodes;
    private final OperatorMeters meters;

    RetentionPolicy(RetentionProperties settings, ExpiredPlanRemoval plans, ExpiredAuditEventRemoval auditEvents,
            RetentionLock acrossNodes, OperatorMeters meters) {
        this.settings = settings;
        this.acrossNodes = acrossNodes;
        this.meters = meters;
        this.plans = plans;
        this.auditEvents = auditEvents;
    }

    /**
     * Runs the policy once, unless another node is running it: then the scheduled job skips this night's run (the
     * other node's does the work) and an admin is told to try later ({@link RetentionBusy}).
     */
    RetentionOutcome apply(Remover remover) {
        running.lock();
        try {
            // The nightly job fires on every node at the same minute: it keeps the lock a little after a quick
            // run so that a node whose clock is a moment late does not run again.
            Optional<SimpleLock> taken = acrossNodes.tryTake(remover.admin() == null ? JOB_HOLDS_AT_LEAST : Duration.ZERO);
            if (taken.isEmpty()) {
                throw new RetentionBusy();
            }
            try {
                return removeExpired(remover);
            } finally {
                taken.get().unlock();
            }
        } finally {
            running.unlock();
        }
    }

    private RetentionOutcome removeExpired(Remover remover) {
        RetentionOutcome removed = plans.removeExpired(settings.planRetention(), settings.chunkSize(), remover);
        if (settings.auditEventRetention() != null) {
            removed = removed.plus(auditEvents.removeExpired(
                    settings.auditEventRetention(), settings.chunkSize(), remover));
        }
        log.info("Retention removed {} plans, {} flags, {} notifications, {} AuditEvents", removed.plans(),
                removed.flags(), removed.notifications(), removed.auditEvents());
        meters.retentionRemoved("plans", removed.plans());
        meters.retentionRemoved("flags", removed.flags());
        meters.retentionRemoved("notifications", removed.notifications());
        meters.retentionRemoved("auditEvents", removed.auditEvents());
        return removed;
    }
}
