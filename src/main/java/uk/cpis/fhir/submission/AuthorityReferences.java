package uk.cpis.fhir.submission;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Where each record an LA submits names the LA it belongs to: a Flag's author, a plan's managing organisation, a
 * social worker's staff identifier's assigner, a post's organisation, a team's managing organisation. Both the rule
 * that these name the submitting LA and the narrowing of conditional URLs to that LA read them here.
 */
final class AuthorityReferences {

    /** One reference naming the LA, with its path in the resource (for problems). */
    record Named(String path, Reference reference) {}

    private AuthorityReferences() {}

    static List<Named> of(Resource resource) {
        List<Named> named = new ArrayList<>();
        if (resource instanceof Flag flag) {
            named.add(new Named("author", flag.getAuthor()));
        } else if (resource instanceof EpisodeOfCare plan) {
            named.add(new Named("managingOrganization", plan.getManagingOrganization()));
        } else if (resource instanceof Practitioner worker) {
            List<Identifier> identifiers = worker.getIdentifier();
            for (int i = 0; i < identifiers.size(); i++) {
                if (Identifiers.LOCAL_AUTHORITY_STAFF.equals(identifiers.get(i).getSystem())) {
                    named.add(new Named("identifier[" + i + "].assigner", identifiers.get(i).getAssigner()));
                }
            }
        } else if (resource instanceof PractitionerRole post) {
            named.add(new Named("organization", post.getOrganization()));
        } else if (resource instanceof CareTeam team) {
            List<Reference> organisations = team.getManagingOrganization();
            for (int i = 0; i < organisations.size(); i++) {
                named.add(new Named("managingOrganization[" + i + "]", organisations.get(i)));
            }
        }
        return named;
    }

    /** Whether records of this type name their LA (and so must name the submitting one). */
    static boolean namesAuthority(Resource resource) {
        return resource instanceof Flag || resource instanceof EpisodeOfCare || resource instanceof Practitioner
                || resource instanceof PractitionerRole || resource instanceof CareTeam;
    }
}
