package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Extensions;

/** Finds a patient's active CP-IS flags, whoever asked and whatever they were shown: they decide who is notified. */
final class ActivePlanFinder {

    private final IFhirResourceDao<Flag> flags;
    private final IFhirResourceDao<EpisodeOfCare> plans;

    ActivePlanFinder(IFhirResourceDao<Flag> flags, IFhirResourceDao<EpisodeOfCare> plans) {
        this.flags = flags;
        this.plans = plans;
    }

    List<ActivePlan> activeFor(String patientId) {
        // R4 Flag has no status search parameter; a child has a handful of flags at most.
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                Flag.SP_SUBJECT, new ReferenceParam("Patient/" + patientId));
        List<IBaseResource> found = flags.search(query, new SystemRequestDetails()).getAllResources();
        return found.stream()
                .map(Flag.class::cast)
                .filter(flag -> flag.getStatus() == Flag.FlagStatus.ACTIVE)
                .filter(flag -> flag.getAuthor().getReferenceElement().hasIdPart())
                .map(flag -> new ActivePlan(flag, organisation(flag.getAuthor()), planOf(flag)))
                .toList();
    }

    private static String organisation(Reference author) {
        return author.getReferenceElement().toUnqualifiedVersionless().getValue();
    }

    private EpisodeOfCare planOf(Flag flag) {
        org.hl7.fhir.r4.model.Extension detail = flag.getExtensionByUrl(Extensions.FLAG_DETAIL);
        if (detail == null
                || !(detail.getValue() instanceof Reference reference)
                || !"EpisodeOfCare".equals(reference.getReferenceElement().getResourceType())) {
            return null;
        }
        try {
            return plans.read(reference.getReferenceElement(), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}
