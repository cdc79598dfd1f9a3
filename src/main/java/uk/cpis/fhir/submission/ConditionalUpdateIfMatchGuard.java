package uk.cpis.fhir.submission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Guards against a stale update sent as a bundle entry: HAPI honours an entry's {@code If-Match} on a
 * {@code PUT Type/id} but ignores it on a conditional {@code PUT Type?identifier=…}, the way LAs update plans.
 * Here each such entry's expected version is noted as the bundle arrives and compared with the stored version as
 * the entry is stored: a different version, a version that cannot be read ({@code W/"abc"}), or no stored record
 * at all fails the whole transaction (or that batch entry) with 412, and nothing of it is stored.
 */
@Interceptor
public final class ConditionalUpdateIfMatchGuard implements StorageInterceptor {

    private static final String EXPECTED = ConditionalUpdateIfMatchGuard.class.getName();
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?([0-9]{1,18})\"?$");

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void storageTransactionProcessing(IBaseBundle theBundle, RequestDetails theRequest) {
        if (!(theBundle instanceof Bundle bundle) || theRequest == null) {
            return;
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            if (request.getMethod() == Bundle.HTTPVerb.PUT && request.hasIfMatch() && request.hasUrl()
                    && request.getUrl().contains("?") && entry.getResource() != null) {
                expected(theRequest).put(entry.getResource(), request.getIfMatch());
            }
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void resourceUpdated(IBaseResource theOldResource, IBaseResource theResource, RequestDetails theRequest) {
        String ifMatch = theRequest == null ? null : expected(theRequest).get(theResource);
        if (ifMatch == null) {
            return;
        }
        Matcher version = ETAG.matcher(ifMatch.trim());
        String stored = theOldResource.getMeta().getVersionId();
        if (!version.matches() || !version.group(1).equals(stored)) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " does not match the stored version ("
                    + theOldResource.getIdElement().toUnqualifiedVersionless().getValue() + " is at version " + stored
                    + "): nothing was stored; read the record again and resend");
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void resourceCreated(IBaseResource theResource, RequestDetails theRequest) {
        String ifMatch = theRequest == null ? null : expected(theRequest).get(theResource);
        if (ifMatch != null) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " names a version of a record that does not"
                    + " exist: nothing was stored");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<IBaseResource, String> expected(RequestDetails request) {
        return (Map<IBaseResource, String>) request.getUserData()
                .computeIfAbsent(EXPECTED, k -> new IdentityHashMap<IBaseResource, String>());
    }
}
