package uk.cpis.fhir.submission;

import java.util.List;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;

/**
 * A submission carries at least one plan or Flag: an LA has no reason to store a child it does not flag, and a
 * bundle of Patients alone would only ask whether CP-IS holds them.
 */
final class SomethingToFlagRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.SOMETHING_TO_FLAG;
    }

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        if (!submission.entriesOf(Flag.class).isEmpty() || !submission.entriesOf(EpisodeOfCare.class).isEmpty()) {
            return List.of();
        }
        return List.of(SubmissionIssue.rule("Bundle.entry", "A submission carries at least one plan (EpisodeOfCare)"
                + " or Flag; a bundle of Patients and Organizations alone is not stored"));
    }
}
