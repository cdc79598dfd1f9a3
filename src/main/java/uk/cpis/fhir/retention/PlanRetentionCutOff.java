package uk.cpis.fhir.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.EpisodeOfCare;

/**
 * When a plan is past its retention: plan dates are calendar days in England (the clock's zone), so with 12
 * months' retention a plan that ended on 25 November 2025 is kept through 25 November 2026, and removable from the
 * first moment of 26 November in London, whatever the time in UTC.
 */
final class PlanRetentionCutOff {

    private PlanRetentionCutOff() {}

    /** The earliest end day still kept today: a plan that ended before it is past its retention. */
    static LocalDate keepFrom(Clock clock, Period retention) {
        return LocalDate.now(clock).minus(retention);
    }

    /** Whether the plan has an end, and that end is before {@code keepFrom}; an ongoing plan is never expired. */
    static boolean endedBefore(EpisodeOfCare plan, LocalDate keepFrom) {
        DateTimeType end = plan.getPeriod().getEndElement();
        if (end == null || !end.hasValue()) {
            return false;
        }
        // The day as written (an end may carry a time and offset): the LA's calendar day, not a converted instant.
        LocalDate ended = LocalDate.of(end.getYear(), end.getMonth() + 1, end.getDay());
        return ended.isBefore(keepFrom);
    }
}
