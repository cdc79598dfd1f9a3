package uk.cpis.fhir.submission;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import uk.cpis.fhir.contract.CpisContract.Profiles;

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
     * @param bundle a transaction, or one entry of a batch (HAPI processes each batch entry as a one-entry bundle)
     * @param batchEntry whether the bundle is one entry of a batch, validated on its own
     */
    List<SubmissionIssue> validate(Bundle bundle, boolean batchEntry) {
        List<SubmissionIssue> issues = new ArrayList<>();
        SubmissionBundle submission = new SubmissionBundle(bundle, batchEntry);
        if (batchEntry) {
            for (SubmissionBundle.Entry entry : submission.entries()) {
                String type = entry.resource() == null ? "none" : entry.resource().fhirType();
                ProfileValidator.profileFor(type).ifPresentOrElse(
                        profile -> issues.addAll(profiles.validate(entry.resource(), profile)),
                        () -> issues.add(new SubmissionIssue(IssueType.NOTSUPPORTED, submission.location(entry, ""),
                                "A submission carries only Patient, Organization, EpisodeOfCare and Flag; not "
                                        + type)));
            }
        } else {
            issues.addAll(profiles.validate(bundle, Profiles.SUBMISSION));
        }
        for (SubmissionRule rule : rules) {
            issues.addAll(rule.check(submission));
        }
        return issues;
    }
}
