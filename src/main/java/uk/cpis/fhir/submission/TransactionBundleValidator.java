package uk.cpis.fhir.submission;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.contract.CpisContract.Profiles;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;

/**
 * Finds every problem in a submission: its conformance to {@code cpis-submission} (which holds each entry to
 * its CP-IS profile) and the business rules. Finds them all, so an LA fixes a bundle in one round trip.
 */
public final class TransactionBundleValidator {

    private final ProfileValidator profiles;
    private final List<SubmissionRule> rules;

    TransactionBundleValidator(ProfileValidator profiles, List<SubmissionRule> rules) {
        this.profiles = profiles;
        this.rules = List.copyOf(rules);
    }

    /**
     * Every problem of a submission (a transaction; a batch is validated as one too, before its entries run).
     * Stores nothing: an LA's file is checked here too, its good rows, while its bad rows are reported.
     */
    public List<SubmissionIssue> validate(Bundle bundle) {
        SubmissionBundle submission = new SubmissionBundle(bundle);
        List<SubmissionIssue> tooBig = ElementLimits.check(submission);
        if (!tooBig.isEmpty()) {
            return stamped(tooBig, SubmissionRules.ELEMENT_LIMITS); // validating it would be the attack
        }
        List<SubmissionIssue> issues = new ArrayList<>(stamped(profiles.validateSubmission(bundle, Profiles.SUBMISSION), SubmissionRules.PROFILE));
        for (SubmissionRule rule : rules) {
            issues.addAll(stamped(rule.check(submission), rule.code()));
        }
        return issues;
    }

    private static List<SubmissionIssue> stamped(List<SubmissionIssue> issues, String rule) {
        return issues.stream().map(i -> i.withRule(rule)).toList();
    }
}
