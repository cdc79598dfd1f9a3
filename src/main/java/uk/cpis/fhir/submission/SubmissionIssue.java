package uk.cpis.fhir.submission;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One problem with a submission: what kind, where (a FHIRPath location such as
 * {@code Bundle.entry[3].resource.period}), and a message a local authority's developer can act on.
 */
public record SubmissionIssue(IssueType type, String location, String message) {

    /** A business-rule violation at a location. */
    public static SubmissionIssue rule(String location, String message) {
        return new SubmissionIssue(IssueType.BUSINESSRULE, location, message);
    }
}
