package uk.cpis.fhir.submission;

import java.util.List;

/** One business rule of CP-IS beyond the profiles, checked over a whole submission. */
interface SubmissionRule {

    /** The rule's code in CodeSystem cpis-submission-rule, carried by each issue it reports. */
    String code();

    /** Every violation of the rule in the submission; empty when it holds. */
    List<SubmissionIssue> check(SubmissionBundle submission);
}
