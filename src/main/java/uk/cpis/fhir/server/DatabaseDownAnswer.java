package uk.cpis.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Answers a request the database could not take (it restarts, fails over to its replica, or the connection pool
 * waited its limit for a connection) with 503 and {@code Retry-After}, never a 500: nothing of the request was
 * stored, and the same request succeeds once the database answers again (the pool reconnects by itself).
 */
@Interceptor
public final class DatabaseDownAnswer implements RestServerInterceptor {

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException serverPreProcessOutgoingException(Throwable theException) {
        return isDatabaseDown(theException)
                ? Unavailable.because(OperationOutcome.IssueType.TRANSIENT, "The database is not answering right now;"
                        + " nothing of this request was stored. Send it again after the Retry-After delay.", "5")
                : null;
    }

    static boolean isDatabaseDown(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting.
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
