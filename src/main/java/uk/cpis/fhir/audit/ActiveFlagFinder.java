package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.SearchParameters;

/**
 * Finds a patient's active CP-IS flags, whoever asked and whatever they were shown: they decide who is notified.
 * One query: the patient's flags with the plans they point at included (unless the response already shows them
 * all: {@link CompleteFlagLookup}).
 */
final class ActiveFlagFinder {

    private static final Include FLAG_PLAN = new Include(SearchParameters.FLAG_PLAN_INCLUDE);

    private final IFhirResourceDao<Flag> flags;

    ActiveFlagFinder(IFhirResourceDao<Flag> flags) {
        this.flags = flags;
    }

    /** The patient's active flags: from what the request showed, when it showed them all; else queried. */
    List<ActiveFlag> activeFor(String patientId, ShownPatients shown) {
        return shown.everyFlagOf(patientId)
                .map(flagsShown -> active(flagsShown, shown.plansShown()))
                .orElseGet(() -> queried(patientId));
    }

    private List<ActiveFlag> queried(String patientId) {
        // R4 Flag has no status search parameter; a child has a handful of flags at most.
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                Flag.SP_SUBJECT, new ReferenceParam("Patient/" + patientId));
        query.addInclude(FLAG_PLAN);
        List<IBaseResource> found = flags.search(query, new SystemRequestDetails()).getAllResources();
        Map<String, EpisodeOfCare> plans = found.stream()
                .filter(EpisodeOfCare.class::isInstance)
                .map(EpisodeOfCare.class::cast)
                .collect(Collectors.toMap(p -> p.getIdElement().toUnqualifiedVersionless().getValue(),
                        Function.identity(), (a, b) -> a));
        return active(found.stream().filter(Flag.class::isInstance).map(Flag.class::cast).toList(), plans);
    }

    /** The active ones of a patient's flags, each with its LA and (from {@code plans}, by reference) its plan. */
    private static List<ActiveFlag> active(List<Flag> patientFlags, Map<String, EpisodeOfCare> plans) {
        return patientFlags.stream()
                .filter(flag -> flag.getStatus() == Flag.FlagStatus.ACTIVE)
                .filter(flag -> flag.getAuthor().getReferenceElement().hasIdPart())
                .map(flag -> new ActiveFlag(flag, organisation(flag.getAuthor()), planOf(flag, plans)))
                .toList();
    }

    private static String organisation(Reference author) {
        return author.getReferenceElement().toUnqualifiedVersionless().getValue();
    }

    private static EpisodeOfCare planOf(Flag flag, Map<String, EpisodeOfCare> plans) {
        org.hl7.fhir.r4.model.Extension detail = flag.getExtensionByUrl(Extensions.FLAG_DETAIL);
        if (detail == null || !(detail.getValue() instanceof Reference reference)) {
            return null;
        }
        return plans.get(reference.getReferenceElement().toUnqualifiedVersionless().getValue());
    }
}
