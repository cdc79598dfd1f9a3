package uk.cpis.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;

/** What a transaction or batch bundle asks for, as the request guards need to know it. */
final class TransactionEntries {

    private TransactionEntries() {}

    /**
     * A bundle of GET entries only. HAPI hands each GET entry to the guards as a request of its own (when it is
     * about to be handled), so such a bundle may pass wherever its entries would.
     */
    static boolean onlyReads(RequestDetails request) {
        return request.getResource() instanceof Bundle bundle && !bundle.getEntry().isEmpty()
                && bundle.getEntry().stream().allMatch(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.GET);
    }
}
