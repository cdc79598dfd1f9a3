package uk.cpis.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Answers a write that lost a race with another as something the client can retry, never a 500: when the
 * server's own retries (HAPI's, with back-off and jitter) run out, HAPI's 409 gets a {@code Retry-After}; a
 * database-level collision that HAPI does not retry itself (a lock timeout, a concurrent update, a transaction
 * the database rolled back) becomes 503 with {@code Retry-After}. Either way the transaction was rolled back:
 * nothing of it is stored. The delay is jittered so that racing clients do not collide again.
 */
@Interceptor
public final class ContentionAnswer implements RestServerInterceptor {

    /** SQLSTATE classes and vendor codes of a collision: serialization failure, deadlock, lock timeout (PostgreSQL, H2). */
    private static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00");
    private static final Set<Integer> H2_CODES = Set.of(50200, 90131, 40001);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException serverPreProcessOutgoingException(Throwable theException) {
        if (theException instanceof ResourceVersionConflictException conflict) {
            if (!conflict.getResponseHeaders().containsKey("Retry-After")) {
                conflict.addResponseHeader("Retry-After", retryAfter());
            }
            return null;
        }
        if (!isCollision(theException) || DatabaseDownAnswer.isDatabaseDown(theException)) {
            return null; // not a collision; a database that is down has its own answer
        }
        return Unavailable.because(OperationOutcome.IssueType.TRANSIENT, "Another change to the same records was being"
                + " stored at the same moment; nothing of this request was stored. Send it again after the Retry-After"
                + " delay.", retryAfter());
    }

    static boolean isCollision(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyFailureException || t instanceof TransientDataAccessException
                    || t instanceof TransactionException) {
                return true;
            }
            // (Set.of refuses to look up null: an SQLException may have no SQLSTATE, Hikari's pool timeout has none.)
            if (t instanceof SQLException sql && ((sql.getSQLState() != null && SQL_STATES.contains(sql.getSQLState()))
                    || H2_CODES.contains(sql.getErrorCode()))) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            // HAPI may pass on only the message of what failed below it.
            if (message.contains("Timeout trying to lock table") || message.contains("Concurrent update in table")
                    || message.contains("Unable to rollback against JDBC") || message.contains("deadlock detected")
                    || message.contains("could not serialize access")) {
                return true;
            }
        }
        return false;
    }

    private static String retryAfter() {
        return String.valueOf(1 + ThreadLocalRandom.current().nextInt(3));
    }
}
