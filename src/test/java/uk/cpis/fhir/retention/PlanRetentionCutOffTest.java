package uk.cpis.fhir.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.server.ClockConfig;

/** Which plans are past their 12 months, counted in calendar days in England (the server's clock zone). */
class PlanRetentionCutOffTest {

    private static final Period TWELVE_MONTHS = Period.ofMonths(12);

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ClockConfig.ENGLAND);
    }

    private static boolean expired(String ended, Clock clock) {
        EpisodeOfCare plan = new EpisodeOfCare();
        plan.getPeriod().setStartElement(new DateTimeType("2024-01-10"));
        if (ended != null) {
            plan.getPeriod().setEndElement(new DateTimeType(ended));
        }
        return PlanRetentionCutOff.endedBefore(plan, PlanRetentionCutOff.keepFrom(clock, TWELVE_MONTHS));
    }

    @Test
    void keepsAPlanEndedOn25NovemberThroughTheLastMinuteOf25NovemberNextYear() {
        // November: London is on GMT, so London's and UTC's days change together.
        assertThat(expired("2025-11-25", at("2026-11-25T23:59:59Z"))).isFalse();
        assertThat(expired("2025-11-25", at("2026-11-26T00:00:00Z"))).isTrue();
    }

    @Test
    void countsTheDayInLondonNotInUtcInSummerTime() {
        // 25 June 2026, 23:30 UTC is already 26 June, 00:30 in London (BST): the plan is past its 12 months.
        assertThat(expired("2025-06-25", at("2026-06-25T23:30:00Z"))).isTrue();
        // 22:59 UTC is 23:59 in London, still 25 June: kept.
        assertThat(expired("2025-06-25", at("2026-06-25T22:59:00Z"))).isFalse();
    }

    @Test
    void takesTheEndDayAsWrittenWhenTheEndCarriesATime() {
        // 03:00 at +05:00 on 25 November is 22:00 UTC on 24 November: the day as written counts.
        assertThat(expired("2025-11-25T03:00:00+05:00", at("2026-11-25T12:00:00Z"))).isFalse();
        assertThat(expired("2025-11-25T03:00:00+05:00", at("2026-11-26T00:00:00Z"))).isTrue();
    }

    @Test
    void neverExpiresAnOngoingPlan() {
        assertThat(expired(null, at("2099-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void aTwelveMonthRetentionFrom29FebruaryKeepsPlansEndedSince28FebruaryOfTheYearBefore() {
        assertThat(PlanRetentionCutOff.keepFrom(at("2028-02-29T12:00:00Z"), TWELVE_MONTHS))
                .isEqualTo(LocalDate.of(2027, 2, 28));
    }
}
