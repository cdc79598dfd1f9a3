package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The database keys of resources this request has already loaded ("Flag/7" to its key), as HAPI attaches them
 * to each resource it reads. The audit records point at those same resources; handed to HAPI before it writes
 * them, HAPI need not look each one up again to index the reference.
 */
final class StoredKeys {

    private final Map<String, JpaPid> keys = new LinkedHashMap<>();

    void note(IBaseResource resource) {
        JpaPid key = resource instanceof IAnyResource ? IDao.RESOURCE_PID.get(resource) : null;
        if (key != null && resource.getIdElement().hasIdPart()) {
            keys.put(resource.getIdElement().toUnqualifiedVersionless().getValue(), key);
        }
    }

    /** A transaction's details that already know these keys (HAPI looks there before it asks the database). */
    TransactionDetails asTransactionDetails() {
        TransactionDetails details = new TransactionDetails();
        keys.forEach((reference, key) -> details.addResolvedResourceId(new IdType(reference), key));
        return details;
    }
}
