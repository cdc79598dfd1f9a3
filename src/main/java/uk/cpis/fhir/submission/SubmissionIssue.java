package uk.cpis.fhir.submission;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One problem with a submission: what kind, where (a FHIRPath location such as
 * {@code Bundle.entry[3].resource.period}), a message a local authority's developer can act on, and which rule
 * (a code of CodeSystem cpis-submission-rule; null until the validator stamps it).
 */
public record SubmissionIssue(IssueType type, String location, String message, String rule) {

    public SubmissionIssue(IssueType type, String location, String message) {
        this(type, location, message, null);
    }

    /** A business-rule violation at a location. */
    public static SubmissionIssue rule(String location, String message) {
        return new SubmissionIssue(IssueType.BUSINESSRULE, location, message);
    }

    SubmissionIssue withRule(String code) {
        return new SubmissionIssue(type, location, message, code);
    }
}
