package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one request's AuditEvents and notifications together, in one database transaction of their own: all
 * are committed or none is, and they are committed before the caller's response is written.
 *
 * <p>The records point at the patient, flags, plans and LAs the request has just read; HAPI needs each reference's
 * target's database key to index it, and looks first in the {@link TransactionDetails} it is given. One is shared
 * by all the writes, starting with the keys the request's reads already found ({@link StoredKeys}), so a target is
 * looked up at most once per request, and usually not at all.
 */
final class AccessRecordStore {

    private final DaoRegistry daos;
    private final TransactionTemplate transaction;

    AccessRecordStore(DaoRegistry daos, PlatformTransactionManager transactionManager) {
        this.daos = daos;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Stores the records; {@code loaded} holds the keys of resources they point at that the request has read. */
    void storeAll(List<? extends Resource> records, StoredKeys loaded) {
        transaction.executeWithoutResult(status -> {
            TransactionDetails lookedUp = loaded.asTransactionDetails();
            for (Resource record : records) {
                // Server-written: the system request passes the guard that refuses clients' writes of these.
                daos.getResourceDao(record.fhirType()).create(record, null, true, new SystemRequestDetails(), lookedUp);
            }
        });
    }
}
