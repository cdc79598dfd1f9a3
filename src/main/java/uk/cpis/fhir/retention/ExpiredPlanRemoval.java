package uk.cpis.fhir.retention;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the plans that ended more than the retention period ago, with their flags and access notifications,
 * a chunk of plans per database transaction: each plan's removal AuditEvent is written first and committed with
 * the removal, so a chunk is either gone with its AuditEvents or untouched.
 */
final class ExpiredPlanRemoval {

    private final ExpiredPlanFinder expiredPlans;
    private final PlanRecordsFinder planRecords;
    private final RecordExpunger expunger;
    private final RemovalAuditEventFactory auditEvents;
    private final IFhirResourceDao<AuditEvent> auditEventDao;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ExpiredPlanRemoval(ExpiredPlanFinder expiredPlans, PlanRecordsFinder planRecords, RecordExpunger expunger,
            RemovalAuditEventFactory auditEvents, IFhirResourceDao<AuditEvent> auditEventDao,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.expiredPlans = expiredPlans;
        this.planRecords = planRecords;
        this.expunger = expunger;
        this.auditEvents = auditEvents;
        this.auditEventDao = auditEventDao;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    RetentionOutcome removeExpired(Period retention, int chunkSize, Remover remover) {
        LocalDate keepFrom = PlanRetentionCutOff.keepFrom(clock, retention);
        List<IIdType> expired = expiredPlans.endedBefore(keepFrom);
        RetentionOutcome removed = RetentionOutcome.NOTHING;
        for (int from = 0; from < expired.size(); from += chunkSize) {
            List<IIdType> chunk = expired.subList(from, Math.min(from + chunkSize, expired.size()));
            removed = removed.plus(transaction.execute(status -> removeChunk(chunk, keepFrom, retention, remover)));
        }
        return removed;
    }

    private RetentionOutcome removeChunk(List<IIdType> planIds, LocalDate keepFrom, Period retention, Remover remover) {
        int flags = 0;
        int notifications = 0;
        List<PlanRecords> chunk = planRecords.recordsOf(planIds, keepFrom);
        for (PlanRecords records : chunk) {
            auditEventDao.create(auditEvents.planRemoved(records, retention, remover, clock.instant()),
                    new SystemRequestDetails());
        }
        for (PlanRecords records : chunk) {
            // Referring records first: notifications (about the flags), flags (pointing at the plan), the plan.
            List<Resource> removal = new ArrayList<>(records.notifications());
            removal.addAll(records.flags());
            removal.add(records.plan());
            expunger.expunge(removal);
            flags += records.flags().size();
            notifications += records.notifications().size();
        }
        return new RetentionOutcome(chunk.size(), flags, notifications, 0);
    }
}
