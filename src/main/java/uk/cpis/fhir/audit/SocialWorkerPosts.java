package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Extensions;

/**
 * Finds the posts (PractitionerRole) of the plans' social workers that are still held: a notification is addressed
 * to the worker in post, never to one who has left (the LA ends the post, {@code active} false). A plan without a
 * post costs nothing here; one with a post, one read by id.
 */
final class SocialWorkerPosts {

    private final IFhirResourceDao<PractitionerRole> posts;

    SocialWorkerPosts(IFhirResourceDao<PractitionerRole> posts) {
        this.posts = posts;
    }

    /** The post a plan names ("PractitionerRole/12"), if it names one. */
    static Optional<String> of(EpisodeOfCare plan) {
        return Optional.ofNullable(plan.getExtensionByUrl(Extensions.CARE_MANAGER_ROLE))
                .filter(e -> e.getValue() instanceof Reference)
                .map(e -> ((Reference) e.getValue()).getReferenceElement())
                .filter(id -> "PractitionerRole".equals(id.getResourceType()) && id.hasIdPart())
                .map(id -> id.toUnqualifiedVersionless().getValue());
    }

    /** The posts the flags' plans name, each with whether it is held now (stored and active). */
    Map<String, PractitionerRole> heldPosts(List<ActiveFlag> flags) {
        Map<String, PractitionerRole> held = new LinkedHashMap<>();
        for (ActiveFlag flag : flags) {
            if (flag.plan() == null) {
                continue;
            }
            of(flag.plan()).filter(post -> !held.containsKey(post)).ifPresent(post -> read(post)
                    .filter(PractitionerRole::getActive)
                    .ifPresent(found -> held.put(post, found)));
        }
        return held;
    }

    private Optional<PractitionerRole> read(String post) {
        try {
            return Optional.of(posts.read(new IdType(post), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException gone) {
            return Optional.empty();
        }
    }
}
