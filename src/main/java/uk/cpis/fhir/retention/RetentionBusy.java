package uk.cpis.fhir.retention;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;

/**
 * Retention is running now, on this node or another: answered 409 with {@code Retry-After}; the run in progress
 * removes what is due, so nothing is lost by not running a second one.
 */
final class RetentionBusy extends ResourceVersionConflictException {

    RetentionBusy() {
        super("Retention is running now (on this or another node of the service); it removes what is due. Try again"
                + " later if you need a run of your own.");
        addResponseHeader("Retry-After", "60");
    }
}
