package uk.cpis.fhir.submission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import uk.cpis.fhir.server.HookOrder;
import uk.cpis.fhir.server.StorageInterceptor;

/**
 * Makes "one active plan of a type per child per LA" hold when submissions race, on one node or on several sharing
 * the database. The rule is first checked before the transaction (with every other rule); two submissions of two
 * plans for one child can both pass that check before either commits. So, inside the submission's own database
 * transaction, before its first write, this takes a row lock per child it flags active (a row of
 * {@value #TABLE} per NHS number, locked in order, so two submissions never wait on each other in a circle) and
 * checks the rule again: a racing submission waits for the first to commit, then sees its plan and is refused (422)
 * with nothing stored.
 */
@Interceptor(order = HookOrder.CHILD_SUBMISSION_LOCK)
public final class ChildSubmissionLock implements StorageInterceptor {

    static final String TABLE = "cpis_child_lock";
    private static final String PENDING = ChildSubmissionLock.class.getName() + ".pending";

    /** A validated submission whose children are still to be locked in its database transaction. */
    private record Pending(SubmissionBundle submission, Set<String> children) {}

    private final JdbcTemplate jdbc;
    private final SingleActivePlanRule rule;
    private final String upsert;

    ChildSubmissionLock(DataSource dataSource, SingleActivePlanRule rule) {
        // A JdbcTemplate joins the Spring transaction HAPI is writing in (the same connection): the lock lasts
        // until that transaction commits or rolls back.
        this.jdbc = new JdbcTemplate(dataSource);
        this.rule = rule;
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (child_key VARCHAR(64) NOT NULL PRIMARY KEY)");
        String database = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        this.upsert = "PostgreSQL".equalsIgnoreCase(database)
                ? "INSERT INTO " + TABLE + " (child_key) VALUES (?) ON CONFLICT DO NOTHING"
                : "MERGE INTO " + TABLE + " (child_key) KEY (child_key) VALUES (?)";
    }

    /** After validation: which children the submission (or this batch entry) flags active. */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void storageTransactionProcessing(IBaseBundle theBundle, RequestDetails theRequest) {
        if (!(theBundle instanceof Bundle bundle) || !SubmissionValidatingInterceptor.isClientSubmission(bundle, theRequest)) {
            return;
        }
        SubmissionBundle submission = new SubmissionBundle(bundle);
        Set<String> children = rule.childrenWithActiveFlags(submission);
        if (children.isEmpty()) {
            theRequest.getUserData().remove(PENDING);
        } else {
            theRequest.getUserData().put(PENDING, new Pending(submission, children));
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(RequestDetails theRequest) {
        lockOnce(theRequest);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(RequestDetails theRequest) {
        lockOnce(theRequest);
    }

    /** Once per database transaction (HAPI may retry one: the retry locks and checks again). */
    private void lockOnce(RequestDetails request) {
        if (request == null || !(request.getUserData().get(PENDING) instanceof Pending pending)
                || !TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(pending)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(pending, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(pending);
            }
        });
        List<Object[]> keys = pending.children().stream().map(child -> new Object[] {child}).toList();
        jdbc.batchUpdate(upsert, keys);
        jdbc.queryForList("SELECT child_key FROM " + TABLE + " WHERE child_key IN ("
                        + String.join(",", Collections.nCopies(keys.size(), "?")) + ") ORDER BY child_key FOR UPDATE",
                String.class, pending.children().toArray());
        List<SubmissionIssue> issues = rule.check(pending.submission()).stream()
                .map(issue -> issue.withRule(SubmissionRules.ONE_ACTIVE_PLAN))
                .toList();
        if (!issues.isEmpty()) {
            throw SubmissionRejection.unprocessable(issues);
        }
    }
}
