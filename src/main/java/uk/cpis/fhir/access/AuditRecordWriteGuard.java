package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Guards the records of who saw what: AuditEvents and access notifications (Communications) are written by the
 * server itself, never created, changed or deleted by a client — an admin included.
 */
@Interceptor
public final class AuditRecordWriteGuard implements StorageInterceptor {

    private static final Set<String> SERVER_WRITTEN = Set.of("AuditEvent", "Communication");

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void resourceCreated(IBaseResource theResource, RequestDetails theRequest) {
        refuseClientWrite(theResource, theRequest);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void resourceUpdated(IBaseResource theOldResource, IBaseResource theResource, RequestDetails theRequest) {
        refuseClientWrite(theResource, theRequest);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void resourceDeleted(IBaseResource theResource, RequestDetails theRequest) {
        refuseClientWrite(theResource, theRequest);
    }

    private static void refuseClientWrite(IBaseResource resource, RequestDetails request) {
        if (request != null && !(request instanceof SystemRequestDetails)
                && SERVER_WRITTEN.contains(resource.fhirType())) {
            throw Forbidden.because(resource.fhirType() + " records are written by the server only");
        }
    }
}
