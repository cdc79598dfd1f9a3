package uk.cpis.fhir.retention;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import uk.cpis.fhir.access.CurrentCaller;
import uk.cpis.fhir.access.Forbidden;
import uk.cpis.fhir.contract.CpisContract.Operations;

/**
 * {@code POST /fhir/$cpis-apply-retention}: applies the retention policy now and answers how many records it
 * removed. Admin only (the authorisation rules allow no other role).
 */
public final class RetentionOperationProvider {

    private final RetentionPolicy policy;

    RetentionOperationProvider(RetentionPolicy policy) {
        this.policy = policy;
    }

    @Description(shortDefinition = "Removes now the plans, flags, notifications (and AuditEvents, if so configured)"
            + " past their retention period; answers the counts removed")
    @Operation(name = Operations.APPLY_RETENTION, idempotent = false)
    public Parameters applyRetention(RequestDetails request) {
        Remover remover = CurrentCaller.of(request).map(Remover::admin)
                .orElseThrow(() -> Forbidden.because("Retention is applied by an admin or the server's own job"));
        RetentionOutcome removed = policy.apply(remover);
        Parameters answer = new Parameters();
        answer.addParameter().setName("plans").setValue(new IntegerType(removed.plans()));
        answer.addParameter().setName("flags").setValue(new IntegerType(removed.flags()));
        answer.addParameter().setName("notifications").setValue(new IntegerType(removed.notifications()));
        answer.addParameter().setName("auditEvents").setValue(new IntegerType(removed.auditEvents()));
        return answer;
    }
}
