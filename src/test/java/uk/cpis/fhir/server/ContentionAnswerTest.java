package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.sql.SQLException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

/** A write that lost a race is answered as retryable (503 or 409, with Retry-After), never as a 500. */
class ContentionAnswerTest {

    private final ContentionAnswer answer = new ContentionAnswer();

    @Test
    void aLockTimeoutOrConcurrentUpdateIsA503WithRetryAfter() {
        for (Throwable collision : new Throwable[] {
                new InternalErrorException("HAPI-0000: Timeout trying to lock table \"HFJ_RESOURCE\""),
                new InternalErrorException("failed", new CannotAcquireLockException("lock")),
                new InternalErrorException("failed", new SQLException("Concurrent update in table \"HFJ_RES_VER\"", "90131", 90131)),
                new InternalErrorException("Unable to rollback against JDBC Connection")}) {
            BaseServerResponseException replaced = answer.serverPreProcessOutgoingException(collision);
            assertThat(replaced.getStatusCode()).isEqualTo(503);
            assertThat(replaced.getResponseHeaders()).containsKey("Retry-After");
            assertThat(((OperationOutcome) replaced.getOperationOutcome()).getIssueFirstRep().getCode())
                    .isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        }
    }

    @Test
    void aVersionConflictKeeps409AndGainsRetryAfter() {
        ResourceVersionConflictException conflict = new ResourceVersionConflictException("Max retries (5) exceeded");
        assertThat(answer.serverPreProcessOutgoingException(conflict)).isNull();
        assertThat(conflict.getResponseHeaders()).containsKey("Retry-After");
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(answer.serverPreProcessOutgoingException(new InternalErrorException("boom"))).isNull();
    }

    @Test
    void aBatchEntryThatLostARaceIsA503InItsEntry() {
        Bundle answer = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        OperationOutcome lost = new OperationOutcome();
        lost.addIssue().setDiagnostics("HAPI-0000: Concurrent update in table \"HFJ_RES_VER\"");
        answer.addEntry().getResponse().setStatus("500 Internal Server Error").setOutcome(lost);
        OperationOutcome broken = new OperationOutcome();
        broken.addIssue().setDiagnostics("NullPointerException");
        answer.addEntry().getResponse().setStatus("500 Internal Server Error").setOutcome(broken);

        new BatchEntryCollisionAnswer().serverOutgoingResponse(answer);

        assertThat(answer.getEntry().get(0).getResponse().getStatus()).startsWith("503");
        assertThat(((OperationOutcome) answer.getEntry().get(0).getResponse().getOutcome()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(answer.getEntry().get(1).getResponse().getStatus()).startsWith("500");
    }

    @Test
    void theIntegratorPageShowsThe503AsTheServerSendsIt() throws java.io.IOException {
        BaseServerResponseException replaced = answer.serverPreProcessOutgoingException(
                new InternalErrorException("failed", new CannotAcquireLockException("lock")));
        String diagnostics = ((OperationOutcome) replaced.getOperationOutcome()).getIssueFirstRep().getDiagnostics();

        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("implementation-guide/pages/integrator.md")))
                .contains("\"code\": \"transient\"")
                .contains("\"diagnostics\": \"" + diagnostics + "\"");
    }
}
