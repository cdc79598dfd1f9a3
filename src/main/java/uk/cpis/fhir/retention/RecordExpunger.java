package uk.cpis.fhir.retention;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Removes records physically: deletes each, then expunges it with its whole history, inside the caller's
 * database transaction, so that they go together with the AuditEvent recording their removal, or not at all.
 *
 * <p>Uses the DAO's {@code forceExpungeInExistingTransaction}, the way HAPI removes package binaries: it works
 * while {@code $expunge} stays disabled for clients ({@code JpaStorageSettings.setExpungeEnabled(false)}), so
 * only the server's own retention can expunge.
 */
final class RecordExpunger {

    /** Versions expunged per record at most: far more than a plan or flag is ever resubmitted. */
    private static final int EXPUNGE_LIMIT = 100_000;

    private final DaoRegistry daos;
    private final IndexLinksFromKeptRecords keptLinks;

    RecordExpunger(DaoRegistry daos, IndexLinksFromKeptRecords keptLinks) {
        this.daos = daos;
        this.keptLinks = keptLinks;
    }

    /**
     * Removes the records, in the order given: records that reference others of the list come first (a plan's
     * notifications, then its flags, then the plan). Runs in the caller's transaction.
     */
    void expunge(List<? extends Resource> records) {
        List<IIdType> ids = new ArrayList<>();
        List<JpaPid> pids = new ArrayList<>();
        for (Resource record : records) {
            IIdType id = record.getIdElement().toUnqualifiedVersionless();
            ids.add(id);
            pids.add((JpaPid) dao(id).readEntity(id, request()).getPersistentId());
        }
        keptLinks.dropLinksTo(pids);
        for (IIdType id : ids) {
            dao(id).delete(id, request());
        }
        ExpungeOptions everyVersion = new ExpungeOptions()
                .setExpungeDeletedResources(true)
                .setExpungeOldVersions(true)
                .setLimit(EXPUNGE_LIMIT);
        for (IIdType id : ids) {
            dao(id).forceExpungeInExistingTransaction(id, everyVersion, request());
        }
    }

    private IFhirResourceDao<?> dao(IIdType id) {
        return daos.getResourceDao(id.getResourceType());
    }

    /** The server's own request: passes the guards that keep clients from deleting audit records. */
    private static SystemRequestDetails request() {
        return new SystemRequestDetails();
    }
}
