package uk.cpis.fhir.submission;

import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Patient;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;

/**
 * An unborn-child plan is held against the mother: its patient is female. (That it carries the expected delivery
 * date is the profile's invariant {@code cpis-eoc-2}.)
 */
final class UnbornPlanRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.UNBORN_PLAN_ON_MOTHER;
    }

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        for (SubmissionBundle.Typed<EpisodeOfCare> plan : submission.entriesOf(EpisodeOfCare.class)) {
            boolean unborn = SubmissionValues.planType(plan.resource().getType())
                    .filter(PlanTypes.UNBORN_CHILD_PROTECTION_PLAN::equals)
                    .isPresent();
            if (!unborn) {
                continue;
            }
            submission.resolve(plan.resource().getPatient())
                    .filter(target -> target.resource() instanceof Patient)
                    .map(target -> (Patient) target.resource())
                    .filter(mother -> mother.getGender() != AdministrativeGender.FEMALE)
                    .ifPresent(notFemale -> issues.add(SubmissionIssue.rule(
                            submission.location(plan.entry(), "patient"),
                            "An unborn-child protection plan is held against the mother, a female patient; this"
                                    + " patient's gender is "
                                    + (notFemale.hasGender() ? notFemale.getGender().toCode() : "not given"))));
        }
        return issues;
    }
}
