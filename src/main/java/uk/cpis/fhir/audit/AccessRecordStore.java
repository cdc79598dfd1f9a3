package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one request's AuditEvents and notifications together, in one database transaction of their own: all
 * are committed or none is, and they are committed before the caller's response is written.
 */
final class AccessRecordStore {

    private final DaoRegistry daos;
    private final TransactionTemplate transaction;

    AccessRecordStore(DaoRegistry daos, PlatformTransactionManager transactionManager) {
        this.daos = daos;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    void storeAll(List<? extends Resource> records) {
        transaction.executeWithoutResult(status -> {
            for (Resource record : records) {
                // Server-written: the system request passes the guard that refuses clients' writes of these.
                daos.getResourceDao(record.fhirType()).create(record, new SystemRequestDetails());
            }
        });
    }
}
