package uk.cpis.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import uk.cpis.fhir.contract.NhsNumberLookup;

/**
 * Runs a lookup by NHS number as a plain query, paged by offset ({@code _offset}), instead of a search HAPI
 * stores: a lookup finds one child's handful of records, and storing the search (a Search row, its result rows,
 * a thread to fill them, and the row recording who may page it) was a fifth of a lookup's time. Each page is
 * the same lookup run again with an offset, so it sees every change committed since, is authorised and audited
 * as a lookup of its own, and its link names the child's NHS number (a lookup any clinician may make) rather
 * than a stored search only its owner may page.
 *
 * <p>Searches without an NHS number (an LA listing its flags, an auditor's query) stay stored searches: their
 * pages hold still while they are read, and are served to their owner only.
 *
 * <p>Any search may carry {@code _offset}; HAPI refuses one that is not a number, and this refuses a negative one
 * (HAPI's query would fail with a 500) with 400.
 */
@Interceptor(order = HookOrder.LOOKUP_OFFSET_PAGING)
public final class LookupOffsetPaging implements RestServerInterceptor {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serverIncomingRequestPreHandled(RequestDetails theRequest) {
        String[] offsets = theRequest.getParameters().getOrDefault(Constants.PARAM_OFFSET, new String[0]);
        for (String offset : offsets) {
            if (offset.trim().startsWith("-")) {
                throw new InvalidRequestException("_offset must be 0 or more, not " + offset);
            }
        }
        if (theRequest.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
                && !theRequest.getParameters().containsKey(Constants.PARAM_OFFSET)
                && !NhsNumberLookup.of(theRequest).isEmpty()) {
            theRequest.addParameter(Constants.PARAM_OFFSET, new String[] {"0"});
        }
    }
}
