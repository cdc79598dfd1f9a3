package uk.cpis.fhir.retention;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.EpisodeOfCare;

/** Finds the plans (EpisodeOfCare) that ended before a given day: those past their retention period. */
final class ExpiredPlanFinder {

    private final IFhirResourceDao<EpisodeOfCare> plans;

    ExpiredPlanFinder(IFhirResourceDao<EpisodeOfCare> plans) {
        this.plans = plans;
    }

    /** The ids of the plans whose {@code period.end} is before {@code day}; an ongoing plan (no end) never is. */
    List<IIdType> endedBefore(LocalDate day) {
        // EpisodeOfCare's "date" indexes the whole period; "eb" (ends before) narrows the search to periods
        // ending before the day, and the check below keeps only plans that have an end at all, whatever the
        // index makes of an open period.
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                EpisodeOfCare.SP_DATE, new DateParam(ParamPrefixEnum.ENDS_BEFORE, day.toString()));
        return plans.search(query, new SystemRequestDetails()).getAllResources().stream()
                .map(EpisodeOfCare.class::cast)
                .filter(plan -> PlanRetentionCutOff.endedBefore(plan, day))
                .map(plan -> plan.getIdElement().toUnqualifiedVersionless())
                .map(IIdType.class::cast)
                .toList();
    }
}
