package uk.cpis.fhir.server;

/**
 * The order of CP-IS's hooks, in one place, for every pointcut where two of them meet (or one meets HAPI's own):
 * HAPI calls a pointcut's hooks lowest number first, whichever order they were registered in. Hooks left at HAPI's
 * default (0) on a shared pointcut do not depend on each other: the storage guards and the direct-write
 * validation on {@code STORAGE_PRESTORAGE_RESOURCE_*} (each only refuses), the two exception answers on
 * {@code SERVER_PRE_PROCESS_OUTGOING_EXCEPTION} (each answers a different failure).
 */
public final class HookOrder {

    // Incoming REST requests (SERVER_INCOMING_REQUEST_POST_PROCESSED, then SERVER_INCOMING_REQUEST_PRE_HANDLED).

    /** The access policy's allowlist, on the parameters the client sent, before anything adds its own. */
    public static final int REQUEST_POLICY = -400;
    /** The token's scopes. */
    public static final int SCOPES = -300;
    /** An LA's searches narrowed to its own records: adds parameters of the server's own. */
    public static final int LA_SEARCH_NARROWING = -200;
    /** The page of a stored search is given to the caller who ran the search only. */
    public static final int SEARCH_OWNER = -100;
    /** A lookup by NHS number is paged by offset: once the request is allowed, before its records are checked. */
    public static final int LOOKUP_OFFSET_PAGING = -10;
    /**
     * HAPI's AuthorizationInterceptor with CP-IS's rules: on the request, on every resource HAPI reads or writes for
     * it, and on the answer. {@code BatchArrival} hooks in just before and just after its check of an arriving bundle.
     */
    public static final int AUTHORISATION = 0;

    // Outgoing REST answers (SERVER_OUTGOING_RESPONSE; the audit also on STORAGE_PRESHOW_RESOURCES).

    /** An LA's submission answer masks its Patient entries before the authorisation rules check the answer. */
    public static final int LA_SUBMISSION_ANSWER = AUTHORISATION - 50;
    /** A batch's entry answers restated (a lost race as 503, a refused entry's own problems), after the check. */
    public static final int BATCH_ENTRY_ANSWERS = AUTHORISATION + 10;
    /**
     * The access audit, last: what it records is what the caller is given after every check (HAPI's
     * AuthorizationInterceptor still removes resources on STORAGE_PRESHOW_RESOURCES at 200), and an answer whose
     * audit fails is not sent.
     */
    public static final int AUDIT = 1000;

    // LA transactions and batches (STORAGE_TRANSACTION_PROCESSING); the If-Match guard at the default, before them.

    /** The whole bundle validated against the profiles and the business rules before anything is stored. */
    public static final int SUBMISSION_VALIDATION = 100;
    /** The Provenance of an accepted submission added to it (after validation: it is the server's, not the LA's). */
    public static final int SUBMISSION_PROVENANCE = SUBMISSION_VALIDATION + 1;
    /** The entries' conditional URLs narrowed to the submitting LA's own plans. */
    public static final int PLAN_MATCH_SCOPING = SUBMISSION_VALIDATION + 2;
    /** Notes the children of a validated submission, to lock them in its database transaction. */
    public static final int CHILD_SUBMISSION_LOCK = SUBMISSION_VALIDATION + 3;

    private HookOrder() {}
}
