package uk.cpis.fhir.access;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Whether a record belongs to a local authority: a Flag it authored, a plan it manages, a notification addressed
 * to it, the Provenance of its submission, a subscription to those notifications, its own Organization, a social
 * worker whose staff identifier it assigned, a post (PractitionerRole) or team it runs, a child of one of its
 * plans or flags. Its Organization is found by ODS code each time (a cheap indexed search) rather than cached,
 * so an LA whose Organization is created later is recognised at once.
 */
public final class LocalAuthorityOwnership {

    /** The one criteria an LA may subscribe with, completed by its Organization's id. */
    static final String SUBSCRIPTION_CRITERIA = "Communication?recipient=";
    private static final String CONDITIONAL_LA = "Organization?identifier=" + Identifiers.ODS_CODE + "|";
    private static final String ORGANISATION_CACHE = LocalAuthorityOwnership.class.getName() + ".organisations";
    private static final String BUNDLE_ORGANISATIONS = LocalAuthorityOwnership.class.getName() + ".bundleOrganisations";
    private static final String PATIENT_CACHE = LocalAuthorityOwnership.class.getName() + ".patients";

    private final IFhirResourceDao<Organization> organizations;
    private final IFhirResourceDao<EpisodeOfCare> plans;
    private final IFhirResourceDao<Flag> flags;

    public LocalAuthorityOwnership(IFhirResourceDao<Organization> organizations, IFhirResourceDao<EpisodeOfCare> plans,
            IFhirResourceDao<Flag> flags) {
        this.organizations = organizations;
        this.plans = plans;
        this.flags = flags;
    }

    /**
     * A rule tester that passes only records owned by the LA with this ODS code: each record read, and each record
     * written, in its old and its new version (HAPI checks both at storage, on every path: plain request,
     * transaction entry, batch entry). As a bundle arrives, before storage, an entry's reference to the LA may
     * still be a {@code urn:uuid:} of another entry or a conditional reference: each is checked for what it names.
     */
    IAuthRuleTester testerFor(String odsCode) {
        return new IAuthRuleTester() {
            @Override
            public boolean matches(RuleTestRequest request) {
                if (request.resource == null || BatchArrival.isArriving(request.requestDetails)) {
                    return true; // a delete is checked on the stored record; a batch entry as it is stored
                }
                return ownedOrPending(request.resource, odsCode, request.requestDetails);
            }

            @Override
            public boolean matchesOutput(RuleTestRequest request) {
                // The Provenance the server adds to the LA's own submission, shown as the submission stores it
                // (Prefer: return=representation); the answer leaves its resource out.
                // (TRANSACTION: a batch's too, as HAPI's REST layer reports both bundle types so.)
                if (request.resource instanceof Provenance && request.operation == RestOperationTypeEnum.TRANSACTION) {
                    return true;
                }
                return request.resource == null || ownedBy(request.resource, odsCode, request.requestDetails);
            }
        };
    }

    /**
     * A rule tester passing a Patient only if it is the subject of one of this LA's plans or flags. Within the LA's
     * own submission, HAPI also "shows" it the Patient its conditional create (or conditional reference) matches:
     * that passes, since the submission's answer never shows it (LocalAuthoritySubmissionAnswer masks Patient
     * entries) and an LA's bundle holds no reads. Refusing it would make HAPI create a duplicate child.
     */
    IAuthRuleTester childrenOf(String odsCode) {
        return new IAuthRuleTester() {
            @Override
            public boolean matchesOutput(RuleTestRequest request) {
                if (request.operation == RestOperationTypeEnum.TRANSACTION) { // a batch is reported as one too
                    return true;
                }
                return request.resource instanceof Patient patient
                        && isChildOf(patient.getIdElement().toUnqualifiedVersionless().getValue(), odsCode, request.requestDetails);
            }
        };
    }

    /** Whether the LA with this ODS code owns the record (see the class comment for what it owns). */
    public boolean ownedBy(IBaseResource resource, String odsCode, RequestDetails request) {
        if (resource instanceof Organization organization) {
            return hasOdsCode(organization, odsCode);
        }
        if (resource instanceof Flag flag) {
            return isOrganisation(flag.getAuthor(), odsCode, request);
        }
        if (resource instanceof EpisodeOfCare plan) {
            return isOrganisation(plan.getManagingOrganization(), odsCode, request);
        }
        if (resource instanceof Communication notification) {
            return notification.getRecipient().stream().anyMatch(r -> isOrganisation(r, odsCode, request));
        }
        if (resource instanceof Practitioner worker) {
            // A social worker is the LA's that assigned its staff identifier (an LA's staff numbers are its own).
            return worker.getIdentifier().stream()
                    .filter(i -> Identifiers.LOCAL_AUTHORITY_STAFF.equals(i.getSystem()))
                    .anyMatch(i -> isOrganisation(i.getAssigner(), odsCode, request));
        }
        if (resource instanceof PractitionerRole post) {
            return isOrganisation(post.getOrganization(), odsCode, request);
        }
        if (resource instanceof CareTeam team) {
            return team.getManagingOrganization().stream().anyMatch(o -> isOrganisation(o, odsCode, request));
        }
        if (resource instanceof Provenance provenance) {
            return provenance.getAgent().stream().anyMatch(a -> isOrganisation(a.getWho(), odsCode, request));
        }
        if (resource instanceof Subscription subscription) {
            return organisationIds(odsCode).stream().anyMatch(id -> (SUBSCRIPTION_CRITERIA + id).equals(subscription.getCriteria()));
        }
        return false;
    }

    /**
     * Whether a reference names the LA's Organization, in any form a submission may hold while HAPI processes it
     * (it checks records before and after it resolves references): {@code Organization/<id>}, read by id once per
     * request (which also sees an Organization created earlier in the same, uncommitted, submission); a
     * conditional reference on the ODS code; or the {@code urn:uuid:} of the bundle's own Organization entry.
     */
    private boolean isOrganisation(Reference reference, String odsCode, RequestDetails request) {
        String literal = reference.getReference();
        if (literal != null && literal.startsWith(CONDITIONAL_LA)) {
            return literal.equals(CONDITIONAL_LA + odsCode);
        }
        if (literal != null && literal.startsWith("urn:uuid:")) {
            return odsCode != null && odsCode.equals(bundleOrganisations(request).get(literal));
        }
        IIdType id = reference.getReferenceElement();
        if (id == null || !id.hasIdPart() || !"Organization".equals(id.getResourceType()) || id.hasBaseUrl()) {
            return false;
        }
        @SuppressWarnings("unchecked")
        Map<String, Boolean> answers = (Map<String, Boolean>) request.getUserData()
                .computeIfAbsent(ORGANISATION_CACHE + odsCode, k -> new HashMap<String, Boolean>());
        return answers.computeIfAbsent(id.getIdPart(), idPart -> {
            try {
                return hasOdsCode(organizations.read(new IdType("Organization", idPart), new SystemRequestDetails()), odsCode);
            } catch (BaseServerResponseException notFound) {
                return false;
            }
        });
    }

    /**
     * The ODS code of each Organization entry of the request's bundle, by {@code fullUrl}. Noted the first time
     * it is asked, as the bundle arrives: by the time HAPI stores the entries (and checks them again, references
     * not yet resolved) the request no longer holds the bundle.
     */
    private static Map<String, String> bundleOrganisations(RequestDetails request) {
        @SuppressWarnings("unchecked")
        Map<String, String> noted = (Map<String, String>) request.getUserData().get(BUNDLE_ORGANISATIONS);
        if (noted == null && request.getResource() instanceof Bundle bundle) {
            noted = new HashMap<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasFullUrl() && entry.getResource() instanceof Organization organization) {
                    for (var identifier : organization.getIdentifier()) {
                        if (Identifiers.ODS_CODE.equals(identifier.getSystem()) && identifier.hasValue()) {
                            noted.put(entry.getFullUrl(), identifier.getValue());
                        }
                    }
                }
            }
            request.getUserData().put(BUNDLE_ORGANISATIONS, noted);
        }
        return noted == null ? Map.of() : noted;
    }

    private static boolean hasOdsCode(Organization organization, String odsCode) {
        return odsCode != null && organization.getIdentifier().stream()
                .anyMatch(i -> Identifiers.ODS_CODE.equals(i.getSystem()) && odsCode.equals(i.getValue()));
    }

    /** For a write: owned; the Provenance the server adds to a submission passes (see below). */
    private boolean ownedOrPending(IBaseResource resource, String odsCode, RequestDetails request) {
        if (resource instanceof Provenance) {
            // Written by the server for the LA's submission (SubmissionProvenanceInterceptor); an LA cannot send
            // one: the policy refuses a direct write and the submission profile a Provenance entry.
            return true;
        }
        return ownedBy(resource, odsCode, request);
    }

    private boolean isChildOf(String patient, String odsCode, RequestDetails request) {
        @SuppressWarnings("unchecked")
        Map<String, Boolean> answers = (Map<String, Boolean>) request.getUserData()
                .computeIfAbsent(PATIENT_CACHE + odsCode, k -> new HashMap<String, Boolean>());
        if (odsCode == null || odsCode.isBlank()) {
            return false;
        }
        // The LA by ODS code in the query itself (a chain, as the LA's own searches are narrowed), rather than
        // looking its Organization up again for every patient.
        ReferenceParam owner = new ReferenceParam("Organization", "identifier", Identifiers.ODS_CODE + "|" + odsCode);
        return answers.computeIfAbsent(patient, p -> {
            SearchParameterMap byPlan = SearchParameterMap.newSynchronous(EpisodeOfCare.SP_PATIENT, new ReferenceParam(p));
            byPlan.add(EpisodeOfCare.SP_ORGANIZATION, owner);
            byPlan.setLoadSynchronousUpTo(1);
            if (!plans.searchForResourceIds(byPlan, new SystemRequestDetails()).isEmpty()) {
                return true;
            }
            SearchParameterMap byFlag = SearchParameterMap.newSynchronous(Flag.SP_SUBJECT, new ReferenceParam(p));
            byFlag.add(Flag.SP_AUTHOR, owner);
            byFlag.setLoadSynchronousUpTo(1);
            return !flags.searchForResourceIds(byFlag, new SystemRequestDetails()).isEmpty();
        });
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

}
