package uk.cpis.fhir.retention;

import uk.cpis.fhir.access.CallerClaims;

/**
 * Who removes records: the scheduled job (the server itself) or an admin calling {@code $cpis-apply-retention}.
 *
 * @param admin the admin, or null for the scheduled job
 */
record Remover(CallerClaims admin) {

    static Remover scheduledJob() {
        return new Remover(null);
    }

    static Remover admin(CallerClaims caller) {
        return new Remover(caller);
    }
}
