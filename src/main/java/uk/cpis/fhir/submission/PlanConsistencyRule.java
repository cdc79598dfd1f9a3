package uk.cpis.fhir.submission;

import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Flag.FlagStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * A Flag and the plan it points at (its {@code flag-detail} EpisodeOfCare, sent in the same bundle) agree on
 * the patient, the plan type, the status (active/active, inactive/finished or cancelled,
 * entered-in-error/entered-in-error) and the dates.
 */
final class PlanConsistencyRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.FLAG_AGREES_WITH_PLAN;
    }

    private static final Map<FlagStatus, List<EpisodeOfCareStatus>> MATCHING_STATUS = Map.of(
            FlagStatus.ACTIVE, List.of(EpisodeOfCareStatus.ACTIVE),
            FlagStatus.INACTIVE, List.of(EpisodeOfCareStatus.FINISHED, EpisodeOfCareStatus.CANCELLED),
            FlagStatus.ENTEREDINERROR, List.of(EpisodeOfCareStatus.ENTEREDINERROR));

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        for (SubmissionBundle.Typed<Flag> typed : submission.entriesOf(Flag.class)) {
            Flag flag = typed.resource();
            SubmissionBundle.Entry entry = typed.entry();
            Extension detail = flag.getExtensionByUrl(Extensions.FLAG_DETAIL);
            if (detail == null || !(detail.getValue() instanceof Reference planReference)) {
                continue; // the profile requires the extension and reports its absence
            }
            Optional<SubmissionBundle.Entry> planEntry = submission.resolve(planReference);
            if (planEntry.isEmpty() || !(planEntry.get().resource() instanceof EpisodeOfCare plan)) {
                issues.add(SubmissionIssue.rule(submission.location(entry, "extension('" + Extensions.FLAG_DETAIL + "')"),
                        "The Flag's plan (flag-detail) must be an EpisodeOfCare sent in the same bundle, by its"
                                + " fullUrl (or, in a batch, a conditional reference on its plan identifier); found " + planReference.getReference()));
                continue;
            }
            compare(submission, entry, flag, plan, issues);
        }
        return issues;
    }

    private static void compare(
            SubmissionBundle submission, SubmissionBundle.Entry entry, Flag flag, EpisodeOfCare plan,
            List<SubmissionIssue> issues) {
        if (!Objects.equals(flag.getSubject().getReference(), plan.getPatient().getReference())) {
            issues.add(SubmissionIssue.rule(submission.location(entry, "subject"),
                    "The Flag's subject (" + flag.getSubject().getReference() + ") is not its plan's patient ("
                            + plan.getPatient().getReference() + ")"));
        }
        Optional<String> flagPlanId = SubmissionValues.identifier(flag.getIdentifier(), Identifiers.LOCAL_AUTHORITY_PLAN);
        Optional<String> planId = SubmissionValues.identifier(plan.getIdentifier(), Identifiers.LOCAL_AUTHORITY_PLAN);
        if (!flagPlanId.equals(planId)) {
            issues.add(SubmissionIssue.rule(submission.location(entry, "identifier"),
                    "The Flag's plan identifier (" + flagPlanId.orElse("none") + ") is not its plan's ("
                            + planId.orElse("none") + ")"));
        }
        Optional<String> flagType = SubmissionValues.planType(flag.getCode());
        Optional<String> planType = SubmissionValues.planType(plan.getType());
        if (!flagType.equals(planType)) {
            issues.add(SubmissionIssue.rule(submission.location(entry, "code"),
                    "The Flag's plan type (" + flagType.orElse("none") + ") is not its plan's type ("
                            + planType.orElse("none") + ")"));
        }
        if (flag.hasStatus() && plan.hasStatus()
                && !MATCHING_STATUS.getOrDefault(flag.getStatus(), List.of()).contains(plan.getStatus())) {
            issues.add(SubmissionIssue.rule(submission.location(entry, "status"),
                    "A Flag that is " + flag.getStatus().toCode() + " cannot point at a plan that is "
                            + plan.getStatus().toCode()));
        }
        compareDate(submission, entry, "period.start", flag.getPeriod(), plan.getPeriod(), true, issues);
        compareDate(submission, entry, "period.end", flag.getPeriod(), plan.getPeriod(), false, issues);
    }

    private static void compareDate(
            SubmissionBundle submission, SubmissionBundle.Entry entry, String path, Period flagPeriod,
            Period planPeriod, boolean start, List<SubmissionIssue> issues) {
        String flagDate = start ? flagPeriod.getStartElement().getValueAsString() : flagPeriod.getEndElement().getValueAsString();
        String planDate = start ? planPeriod.getStartElement().getValueAsString() : planPeriod.getEndElement().getValueAsString();
        if (!Objects.equals(flagDate, planDate)) {
            issues.add(SubmissionIssue.rule(submission.location(entry, path),
                    "The Flag's " + path + " (" + flagDate + ") differs from its plan's (" + planDate + ")"));
        }
    }
}
