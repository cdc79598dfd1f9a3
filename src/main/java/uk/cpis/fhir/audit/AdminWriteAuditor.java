package uk.cpis.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.access.CurrentCaller;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Audits every write an administrator makes (create, update, delete, directly or in a bundle): an AuditEvent per
 * record written, stored just before the write commits, so a write whose audit cannot be stored is rolled back.
 * LA submissions are recorded by their Provenance instead; the server's own writes (audit records, retention)
 * are not clients' actions.
 */
@Interceptor
final class AdminWriteAuditor implements StorageInterceptor {

    private final AccessRecordStore store;
    private final AccessAuditEventFactory factory = new AccessAuditEventFactory();
    private final Clock clock;

    AdminWriteAuditor(AccessRecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void resourceCreated(IBaseResource theResource, RequestDetails theRequest) {
        audit("create", theResource, theRequest);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void resourceUpdated(IBaseResource theOldResource, IBaseResource theResource, RequestDetails theRequest) {
        audit("update", theResource, theRequest);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void resourceDeleted(IBaseResource theResource, RequestDetails theRequest) {
        audit("delete", theResource, theRequest);
    }

    private void audit(String interaction, IBaseResource written, RequestDetails request) {
        if (request == null || request instanceof SystemRequestDetails) {
            return;
        }
        CallerClaims caller = CurrentCaller.of(request).filter(c -> c.role() == CallerClaims.Role.ADMIN).orElse(null);
        if (caller == null) {
            return;
        }
        AuditEvent event = factory.buildWrite(request, caller, interaction, written, clock.instant());
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            store(event);
            return;
        }
        // Stored just before the write's transaction commits, in a transaction of its own (the write's session is
        // HAPI's to flush): if this fails, the write is rolled back; if the write then fails to commit, the audit
        // records an attempt, which errs on the safe side.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                store(event);
            }
        });
    }

    private void store(AuditEvent event) {
        store.storeAll(List.of(event), new StoredKeys());
    }
}
