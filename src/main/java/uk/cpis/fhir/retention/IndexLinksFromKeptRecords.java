package uk.cpis.fhir.retention;

import ca.uhn.fhir.jpa.dao.data.IResourceLinkDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.ResourceLink;
import java.util.List;
import java.util.Set;

/**
 * Drops the search-index rows by which kept records point at records being removed: the submission's Provenance
 * ({@code target}) and the access AuditEvents ({@code entity}) name the flags and plans they concern, and must
 * outlive them.
 *
 * <p>Why this reaches into HAPI's index table ({@code HFJ_RES_LINK}, through HAPI's own repository): HAPI 8.8.0
 * refuses to delete a resource another one references, and its database keeps a foreign key from each index row to
 * the resource it points at, so the removed records could be neither deleted nor expunged. The setting that relaxes
 * the first check ({@code setEnforceReferentialIntegrityOnDeleteDisableForPaths}) is honoured only by HAPI's
 * bulk delete-expunge, and would relax it for every client's delete as well. The kept records' text is untouched:
 * they still say which flag or plan they were about; only searching them by the removed record stops working,
 * which is right once that record is gone. Links from any other kind of record are left in place, so HAPI still
 * refuses the removal (the chunk rolls back) rather than silently breaking data nobody decided to keep dangling.
 */
final class IndexLinksFromKeptRecords {

    /** Records kept for audit that may point at removed ones. */
    static final Set<String> KEPT_TYPES = Set.of("AuditEvent", "Provenance");

    private final IResourceLinkDao links;

    IndexLinksFromKeptRecords(IResourceLinkDao links) {
        this.links = links;
    }

    /** Drops the index rows from kept AuditEvents and Provenances to these records; call inside the transaction. */
    void dropLinksTo(List<JpaPid> removed) {
        if (removed.isEmpty()) {
            return;
        }
        List<ResourceLink> fromKept = links.findWithTargetPidIn(removed).stream()
                .filter(link -> KEPT_TYPES.contains(link.getSourceResourceType()))
                .toList();
        links.deleteAll(fromKept);
    }
}
