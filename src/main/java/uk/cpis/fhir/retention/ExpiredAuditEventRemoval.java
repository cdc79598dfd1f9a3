package uk.cpis.fhir.retention;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes AuditEvents recorded longer ago than their own retention period (a setting, off by default), a chunk per
 * database transaction, each chunk recorded by a new AuditEvent (how many, recorded when) committed with it.
 */
final class ExpiredAuditEventRemoval {

    private final IFhirResourceDao<AuditEvent> auditEventDao;
    private final RecordExpunger expunger;
    private final RemovalAuditEventFactory auditEvents;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ExpiredAuditEventRemoval(IFhirResourceDao<AuditEvent> auditEventDao, RecordExpunger expunger,
            RemovalAuditEventFactory auditEvents, PlatformTransactionManager transactionManager, Clock clock) {
        this.auditEventDao = auditEventDao;
        this.expunger = expunger;
        this.auditEvents = auditEvents;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    RetentionOutcome removeExpired(Period retention, int chunkSize, Remover remover) {
        Instant keepFrom = ZonedDateTime.now(clock).minus(retention).toInstant();
        int removed = 0;
        // Oldest first, a chunk at a time: a first run may find years of AuditEvents, too many to hold at once.
        for (List<AuditEvent> chunk = oldest(keepFrom, chunkSize); !chunk.isEmpty(); chunk = oldest(keepFrom, chunkSize)) {
            List<AuditEvent> expired = chunk;
            transaction.executeWithoutResult(status -> {
                auditEventDao.create(auditEvents.auditEventsRemoved(expired.size(),
                        expired.get(0).getRecorded().toInstant(),
                        expired.get(expired.size() - 1).getRecorded().toInstant(),
                        retention, remover, clock.instant()), new SystemRequestDetails());
                expunger.expunge(expired);
            });
            removed += expired.size();
        }
        return new RetentionOutcome(0, 0, 0, removed);
    }

    /** The oldest AuditEvents recorded before the instant, at most {@code limit}. */
    private List<AuditEvent> oldest(Instant before, int limit) {
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                AuditEvent.SP_DATE, new DateParam(ParamPrefixEnum.LESSTHAN, Date.from(before)));
        query.setSort(new SortSpec(AuditEvent.SP_DATE, SortOrderEnum.ASC));
        query.setLoadSynchronousUpTo(limit);
        return auditEventDao.search(query, new SystemRequestDetails()).getAllResources().stream()
                .map(AuditEvent.class::cast)
                .toList();
    }
}
