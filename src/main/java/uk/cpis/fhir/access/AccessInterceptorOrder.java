package uk.cpis.fhir.access;

/**
 * The order of the access interceptors on the REST server, in one place: the policy's allowlist first (on the
 * parameters the client sent), then the token's scopes, then the LA's search narrowing (which adds parameters of
 * the server's own), then the search-owner check of pages, then the authorisation rules on records (with
 * {@link BatchArrival} just around their check of an arriving bundle).
 */
final class AccessInterceptorOrder {

    static final int REQUEST_POLICY = -400;
    static final int SCOPES = -300;
    static final int NARROWING = -200;
    static final int SEARCH_OWNER = -100;
    static final int AUTHORISATION = 0;

    private AccessInterceptorOrder() {}
}
