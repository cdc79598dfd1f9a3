package uk.cpis.fhir.access;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Whether a stored resource belongs to a local authority: a Flag it authored, a plan it manages, a notification
 * addressed to it, a subscription to those notifications. Its Organization is found by ODS code each time (a cheap indexed search) rather than cached,
 * so an LA whose Organization is created later is recognised at once.
 */
public final class LocalAuthorityOwnership {

    /** The one criteria an LA may subscribe with, completed by its Organization's id. */
    static final String SUBSCRIPTION_CRITERIA = "Communication?recipient=";

    private final IFhirResourceDao<Organization> organizations;

    public LocalAuthorityOwnership(IFhirResourceDao<Organization> organizations) {
        this.organizations = organizations;
    }

    /** A rule tester that passes only resources owned by the LA with this ODS code. */
    IAuthRuleTester testerFor(String odsCode) {
        return new IAuthRuleTester() {
            @Override
            public boolean matchesOutput(RuleTestRequest request) {
                return request.resource == null || ownedBy(request.resource, odsCode);
            }
        };
    }

    boolean ownedBy(IBaseResource resource, String odsCode) {
        Set<String> ids = organisationIds(odsCode);
        if (resource instanceof Flag flag) {
            return refersTo(flag.getAuthor(), ids);
        }
        if (resource instanceof EpisodeOfCare plan) {
            return refersTo(plan.getManagingOrganization(), ids);
        }
        if (resource instanceof Communication notification) {
            return notification.getRecipient().stream().anyMatch(r -> refersTo(r, ids));
        }
        if (resource instanceof Subscription subscription) {
            return ids.stream().anyMatch(id -> (SUBSCRIPTION_CRITERIA + id).equals(subscription.getCriteria()));
        }
        return false;
    }

    /** The ids ("Organization/123") of the LA's Organization, by ODS code. */
    Set<String> organisationIds(String odsCode) {
        if (odsCode == null || odsCode.isBlank()) {
            return Set.of();
        }
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                Organization.SP_IDENTIFIER, new TokenParam(Identifiers.ODS_CODE, odsCode));
        return organizations.searchForResourceIds(query, new SystemRequestDetails()).stream()
                .map(id -> "Organization/" + id.getIdPart())
                .collect(Collectors.toSet());
    }

    private static boolean refersTo(Reference reference, Set<String> ids) {
        return Optional.ofNullable(reference.getReferenceElement())
                .filter(r -> r.hasIdPart())
                .map(r -> ids.contains("Organization/" + r.getIdPart()))
                .orElse(false);
    }
}
