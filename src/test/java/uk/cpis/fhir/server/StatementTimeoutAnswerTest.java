package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.sql.SQLException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** A statement the database stopped for its time becomes 503 too-costly; any other failure is left alone. */
class StatementTimeoutAnswerTest {

    private final StatementTimeoutAnswer answer = new StatementTimeoutAnswer();

    @Test
    void answersAPostgresStatementTimeoutWith503TooCostly() {
        Throwable failure = new InternalErrorException("search failed",
                new RuntimeException(new SQLException("ERROR: canceling statement due to statement timeout", "57014")));
        BaseServerResponseException replaced = answer.serverPreProcessOutgoingException(failure);
        assertThat(replaced.getStatusCode()).isEqualTo(503);
        OperationOutcome outcome = (OperationOutcome) replaced.getOperationOutcome();
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
        assertThat(replaced.getResponseHeaders()).containsKey("Retry-After");
    }

    @Test
    void answersAnH2CancelledStatementKnownOnlyByItsMessage() {
        Throwable failure = new InternalErrorException("Failed to perform search: Statement was canceled or the session timed out");
        assertThat(answer.serverPreProcessOutgoingException(failure)).isNotNull();
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(answer.serverPreProcessOutgoingException(new InternalErrorException("boom",
                new SQLException("duplicate key", "23505")))).isNull();
    }
}
