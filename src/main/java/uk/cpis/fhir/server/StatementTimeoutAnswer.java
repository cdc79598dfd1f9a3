package uk.cpis.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.sql.SQLException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Answers a request the database stopped for taking too long ({@code cpis.database.statement-timeout-ms}, set on
 * every connection: H2's {@code MAX_QUERY_TIMEOUT}, PostgreSQL's {@code statement_timeout}) with 503 and an
 * OperationOutcome of code {@code too-costly}, instead of HAPI's 500. The cost ceiling is what keeps one costly
 * query from holding a database thread for minutes; this is how the client learns of it.
 */
@Interceptor
public final class StatementTimeoutAnswer implements RestServerInterceptor {

    /** SQLSTATE of a cancelled statement: PostgreSQL's query_canceled, and H2's STATEMENT_WAS_CANCELED. */
    private static final String CANCELLED = "57014";

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException serverPreProcessOutgoingException(Throwable theException) {
        if (!isStatementTimeout(theException)) {
            return null;
        }
        return Unavailable.because(OperationOutcome.IssueType.TOOCOSTLY, "The request took longer than the server"
                + " allows and was stopped; narrow it, or try again later", "30");
    }

    static boolean isStatementTimeout(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (CANCELLED.equals(sql.getSQLState()) || sql.getErrorCode() == 57014)) {
                return true;
            }
            // HAPI runs a search in a task of its own and may pass on only the message of what stopped it.
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("canceling statement due to statement timeout")
                    || message.contains("Statement was canceled or the session timed out")) {
                return true;
            }
        }
        return false;
    }
}
