package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.util.Optional;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards stored searches: a page ({@code _getpages}) is served only to the caller who ran the search (same
 * issuer, user and role), whoever else learns its id. Each search HAPI registers is recorded with its owner as it
 * is registered; a page of a search with another owner, or with none recorded (the server's own), is refused
 * with 403, saying nothing about the search.
 */
@Interceptor(order = HookOrder.SEARCH_OWNER)
public final class SearchOwnerGuard implements RestServerInterceptor {

    private final SearchOwners owners;

    public SearchOwnerGuard(SearchOwners owners) {
        this.owners = owners;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void storagePresearchRegistered(
            ICachedSearchDetails theSearch, RequestDetails theRequest, SearchParameterMap theParams) {
        // Searches HAPI runs for its own purposes (conditional matches in a transaction) have no id and no pages;
        // one run as a plain query (a lookup paged by offset) is not stored and has no pages either.
        if (theSearch.getUuid() != null && !theParams.isLoadSynchronous() && !theParams.isOffsetQuery()) {
            CurrentCaller.of(theRequest).ifPresent(caller -> owners.record(theSearch.getUuid(), caller.key()));
        }
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serverIncomingRequestPreHandled(RequestDetails theRequest) {
        if (theRequest.getRestOperationType() != RestOperationTypeEnum.GET_PAGE) {
            return;
        }
        String[] ids = theRequest.getParameters().get("_getpages");
        Optional<CallerClaims> caller = CurrentCaller.of(theRequest);
        if (ids == null || ids.length != 1 || caller.isEmpty() || !owners.isOwner(ids[0], caller.get().key())) {
            throw Forbidden.because("Access denied: a page is served only to the caller who ran its search");
        }
    }
}
