package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/** A request the database could not take (down, restarting, pool exhausted) is a 503 to retry, never a 500. */
class DatabaseDownAnswerTest {

    private final DatabaseDownAnswer answer = new DatabaseDownAnswer();

    @Test
    void aDatabaseThatDoesNotAnswerIsA503WithRetryAfter() {
        for (Throwable down : new Throwable[] {
                new InternalErrorException("failed", new CannotCreateTransactionException("Could not open JPA EntityManager")),
                new InternalErrorException("failed", new SQLTransientConnectionException("HikariPool-1 - Connection is not available")),
                new InternalErrorException("failed", new SQLException("Connection refused", "08001")),
                new InternalErrorException("failed", new SQLException("terminating connection due to administrator command", "57P01"))}) {
            BaseServerResponseException replaced = answer.serverPreProcessOutgoingException(down);

            assertThat(replaced.getStatusCode()).isEqualTo(503);
            assertThat(replaced.getResponseHeaders()).containsKey("Retry-After");
            assertThat(((OperationOutcome) replaced.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
                    .contains("database is not answering");
            // ... and not the collision answer, which would tell the client another change raced it.
            assertThat(new ContentionAnswer().serverPreProcessOutgoingException(down)).isNull();
        }
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(answer.serverPreProcessOutgoingException(new InternalErrorException("HAPI-0000: something else"))).isNull();
        assertThat(answer.serverPreProcessOutgoingException(
                new InternalErrorException("failed", new SQLException("Concurrent update", "90131", 90131)))).isNull();
    }
}
