package uk.cpis.fhir.submission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.server.StorageInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Records each accepted submission with a Provenance (when, which LA, which entries), added to the bundle itself
 * so HAPI stores it in the same database transaction as the data: there is no accepted submission without its
 * record, and no record of a submission that was rolled back.
 */
@Interceptor(order = HookOrder.SUBMISSION_PROVENANCE)
public final class SubmissionProvenanceInterceptor implements StorageInterceptor {

    private static final String PROVENANCE_AGENT_TYPES = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    private final Clock clock;

    public SubmissionProvenanceInterceptor(Clock clock) {
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void storageTransactionProcessing(IBaseBundle theBundle, RequestDetails theRequest) {
        if (!(theBundle instanceof Bundle bundle)
                || !SubmissionValidatingInterceptor.isClientSubmission(bundle, theRequest)) {
            return;
        }
        Provenance provenance = new Provenance().setRecorded(Date.from(clock.instant()));
        Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
        agent.getType().addCoding().setSystem(PROVENANCE_AGENT_TYPES).setCode("author");
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() == null) {
                continue;
            }
            if (!entry.hasFullUrl()) {
                entry.setFullUrl("urn:uuid:" + UUID.randomUUID());
            }
            provenance.addTarget(new Reference(entry.getFullUrl()));
            if (entry.getResource() instanceof Organization) {
                agent.setWho(new Reference(entry.getFullUrl()));
            }
        }
        if (!agent.hasWho()) {
            agent.setWho(new Reference().setDisplay("unidentified submitter"));
        }
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(provenance)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Provenance");
    }
}
