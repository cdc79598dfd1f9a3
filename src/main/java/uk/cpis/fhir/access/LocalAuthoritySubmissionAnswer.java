package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Shapes what a local authority is told in answer to its submission. Against an existence oracle: what it hears
 * of a Patient entry must not depend on whether CP-IS (another LA) already holds the child. A conditional create
 * answers 201 with a new id for a new child and 200 with an older id, version and date for a known one; so every
 * Patient entry of an LA's transaction or batch answers {@code 200 OK} alone, without location, version, date or
 * resource. The Provenance entry the server adds to each submission is answered without its resource (with
 * {@code Prefer: return=representation}) since an LA does not read Provenance; every other resource in the
 * answer is the LA's own and is checked as any read is.
 */
@Interceptor(order = HookOrder.LA_SUBMISSION_ANSWER)
public final class LocalAuthoritySubmissionAnswer implements RestServerInterceptor {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void serverOutgoingResponse(RequestDetails theRequest, IBaseResource theResponseObject) {
        boolean localAuthority = CurrentCaller.of(theRequest)
                .map(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY)
                .orElse(false);
        if (!localAuthority || !(theRequest.getResource() instanceof Bundle submitted)
                || !(theResponseObject instanceof Bundle answer)
                || answer.getEntry().size() != submitted.getEntry().size()) {
            return;
        }
        for (int i = 0; i < submitted.getEntry().size(); i++) {
            Bundle.BundleEntryComponent sent = submitted.getEntry().get(i);
            boolean patient = sent.getResource() != null && "Patient".equals(sent.getResource().fhirType());
            Bundle.BundleEntryComponent entry = answer.getEntry().get(i);
            if (sent.getResource() != null && "Provenance".equals(sent.getResource().fhirType())) {
                entry.setResource(null);
            }
            if (patient && entry.getResponse().getStatus() != null && entry.getResponse().getStatus().startsWith("20")) {
                entry.setResource(null).setFullUrl(null);
                entry.setResponse(new Bundle.BundleEntryResponseComponent().setStatus("200 OK"));
            }
        }
    }
}
