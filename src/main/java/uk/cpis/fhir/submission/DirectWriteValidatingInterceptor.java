package uk.cpis.fhir.submission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Guards writes outside a submission bundle ({@code POST /fhir/Flag}, {@code PUT /fhir/Patient/1}): a CP-IS
 * resource is stored only if it conforms to its profile. Resources of a submission were validated with the
 * whole bundle already and are not validated twice.
 */
@Interceptor
public final class DirectWriteValidatingInterceptor implements StorageInterceptor {

    private final ProfileValidator profiles;

    public DirectWriteValidatingInterceptor(ProfileValidator profiles) {
        this.profiles = profiles;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void resourceCreated(IBaseResource theResource, RequestDetails theRequest) {
        validate(theResource, theRequest);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void resourceUpdated(IBaseResource theOldResource, IBaseResource theResource, RequestDetails theRequest) {
        validate(theResource, theRequest);
    }

    private void validate(IBaseResource resource, RequestDetails request) {
        if (request == null
                || request instanceof SystemRequestDetails
                || request.getUserData().containsKey(SubmissionValidatingInterceptor.VALIDATED)
                || !(resource instanceof Resource r)) {
            return;
        }
        ProfileValidator.profileFor(r.fhirType()).ifPresent(profile -> {
            List<SubmissionIssue> issues = profiles.validate(r, profile);
            if (!issues.isEmpty()) {
                throw SubmissionRejection.unprocessable(issues);
            }
        });
    }
}
