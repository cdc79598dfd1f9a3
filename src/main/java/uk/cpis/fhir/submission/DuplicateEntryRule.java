package uk.cpis.fhir.submission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;

/** The same request (method, URL and key) at most once in a bundle: which copy won would depend on HAPI's order. */
final class DuplicateEntryRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.DUPLICATE_ENTRY;
    }

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SubmissionBundle.Entry entry : submission.entries()) {
            if (entry.request().getMethod() == null) {
                continue;
            }
            String key = entry.request().getMethod() + " " + entry.request().getUrl() + " " + entry.request().getIfNoneExist();
            if (!seen.add(key)) {
                issues.add(SubmissionIssue.rule(submission.requestLocation(entry, "url"), "The same record is sent twice"
                        + " in one bundle (" + entry.request().getMethod() + " " + entry.request().getUrl()
                        + (entry.request().hasIfNoneExist() ? " if none exist " + entry.request().getIfNoneExist() : "") + ")"));
            }
        }
        return issues;
    }
}
