package uk.cpis.fhir.submission;

import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Extensions;

/**
 * Plan dates are not in the future, except up to the expected delivery date of an unborn-child plan. (End not
 * before start is the profiles' invariants {@code cpis-flag-1} and {@code cpis-eoc-1}.)
 */
final class PlanDatesRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.NO_FUTURE_DATES;
    }

    private final Clock clock;

    PlanDatesRule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (SubmissionBundle.Typed<EpisodeOfCare> plan : submission.entriesOf(EpisodeOfCare.class)) {
            LocalDate latest = latest(today, expectedDelivery(plan.resource()));
            checkPeriod(submission, plan.entry(), plan.resource().getPeriod(), latest, issues);
        }
        for (SubmissionBundle.Typed<Patient> patient : submission.entriesOf(Patient.class)) {
            checkDate(submission, patient.entry(), "birthDate", patient.resource().getBirthDateElement(), today, issues);
        }
        for (SubmissionBundle.Typed<Flag> flag : submission.entriesOf(Flag.class)) {
            Optional<LocalDate> delivery = planOf(submission, flag.resource()).flatMap(PlanDatesRule::expectedDelivery);
            checkPeriod(submission, flag.entry(), flag.resource().getPeriod(), latest(today, delivery), issues);
        }
        return issues;
    }

    private static LocalDate latest(LocalDate today, Optional<LocalDate> delivery) {
        return delivery.filter(d -> d.isAfter(today)).orElse(today);
    }

    private static Optional<EpisodeOfCare> planOf(SubmissionBundle submission, Flag flag) {
        Extension detail = flag.getExtensionByUrl(Extensions.FLAG_DETAIL);
        if (detail == null || !(detail.getValue() instanceof Reference reference)) {
            return Optional.empty();
        }
        return submission.resolve(reference)
                .filter(e -> e.resource() instanceof EpisodeOfCare)
                .map(e -> (EpisodeOfCare) e.resource());
    }

    private static Optional<LocalDate> expectedDelivery(EpisodeOfCare plan) {
        Extension edd = plan.getExtensionByUrl(Extensions.EXPECTED_DELIVERY_DATE);
        if (edd != null && edd.getValue() instanceof DateType date && date.hasValue()) {
            return Optional.of(LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay()));
        }
        return Optional.empty();
    }

    private static void checkPeriod(
            SubmissionBundle submission, SubmissionBundle.Entry entry, Period period, LocalDate latest,
            List<SubmissionIssue> issues) {
        checkDate(submission, entry, "period.start", period.getStartElement(), latest, issues);
        checkDate(submission, entry, "period.end", period.getEndElement(), latest, issues);
    }

    private static void checkDate(
            SubmissionBundle submission, SubmissionBundle.Entry entry, String path, BaseDateTimeType date,
            LocalDate latest, List<SubmissionIssue> issues) {
        if (date == null || !date.hasValue()) {
            return;
        }
        LocalDate day = LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
        if (day.isAfter(latest)) {
            issues.add(SubmissionIssue.rule(submission.location(entry, path),
                    path + " " + date.getValueAsString() + " is in the future (latest allowed: " + latest + ")"));
        }
    }
}
