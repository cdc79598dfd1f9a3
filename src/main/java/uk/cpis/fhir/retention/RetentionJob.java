package uk.cpis.fhir.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the retention policy on the configured schedule ({@code cpis.retention.schedule}), unless
 * {@code cpis.retention.schedule-enabled} is false. Registered as a cron task from the typed settings.
 */
final class RetentionJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionPolicy policy;
    private final RetentionProperties settings;

    RetentionJob(RetentionPolicy policy, RetentionProperties settings) {
        this.policy = policy;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!settings.scheduleEnabled()) {
            log.info("Retention job off (cpis.retention.schedule-enabled=false); $cpis-apply-retention still works");
            return;
        }
        registrar.addCronTask(this::run, settings.schedule());
    }

    void run() {
        try {
            policy.apply(Remover.scheduledJob());
        } catch (RetentionBusy elsewhere) {
            log.info("Retention job skipped: another node of the service is running it");
        } catch (RuntimeException e) {
            // The chunk that failed was rolled back whole; the next run tries again.
            log.error("Retention job failed; what it had removed before the failure stays removed", e);
        }
    }
}
