package uk.cpis.fhir.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.ChildSubmission.SocialWorker;
import uk.cpis.fhir.support.SharedFhirServer;

/**
 * An LA sends a child's social worker (Practitioner and PractitionerRole) and team (CareTeam) with the plan; a
 * clinician's lookup shows the worker's work contacts and notifies the worker in post; another LA can neither see
 * nor change them.
 */
class SocialWorkerIT extends SharedFhirServer {

    private static final String NHS = Identifiers.NHS_NUMBER + "|";
    private static final String STAFF = Identifiers.LOCAL_AUTHORITY_STAFF + "|";
    private static final String GUIDE_LOOKUP = "&_include=Flag:author&_include=Flag:subject&_include=Flag:detail"
            + "&_include:iterate=EpisodeOfCare:care-manager&_include:iterate=EpisodeOfCare:care-manager-role"
            + "&_include:iterate=EpisodeOfCare:team";

    @Test
    void storesTheSocialWorkerTheirPostAndTeamWithThePlan() {
        ChildSubmission child = withWorkerAndTeam();

        Bundle answer = la(child).transaction().withBundle(child.transaction()).execute();

        // (A Patient entry answers 200 whether new or not: an LA must not learn whether CP-IS already held the child.)
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .filteredOn(status -> !status.startsWith("201")).containsExactly("200 OK");
        Practitioner worker = single(client, "Practitioner?identifier=" + STAFF + child.socialWorker.staffId(), Practitioner.class);
        PractitionerRole post = single(client, "PractitionerRole?identifier=" + STAFF + child.socialWorker.staffId(), PractitionerRole.class);
        CareTeam team = single(client, "CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|" + child.teamId, CareTeam.class);
        EpisodeOfCare plan = planOf(child);
        assertThat(plan.getCareManager().getReference()).isEqualTo(id(worker));
        assertThat(((Reference) plan.getExtensionByUrl(Extensions.CARE_MANAGER_ROLE).getValue()).getReference()).isEqualTo(id(post));
        assertThat(plan.getTeamFirstRep().getReference()).isEqualTo(id(team));
        assertThat(post.getPractitioner().getReference()).isEqualTo(id(worker));
        assertThat(worker.getIdentifierFirstRep().getAssigner().getReference()).startsWith("Organization/");
    }

    @Test
    void resubmittingKeepsOneRecordOfEachAndAChangeOfWorkerIsOneResubmission() {
        ChildSubmission child = withWorkerAndTeam();
        la(child).transaction().withBundle(child.transaction()).execute();
        la(child).transaction().withBundle(child.transaction()).execute();
        SocialWorker first = child.socialWorker;

        child.socialWorker = SocialWorker.random();
        la(child).transaction().withBundle(child.transaction()).execute();

        assertThat(count("Practitioner?identifier=" + STAFF + first.staffId())).isEqualTo(1);
        assertThat(count("PractitionerRole?identifier=" + STAFF + first.staffId())).isEqualTo(1);
        Practitioner second = single(client, "Practitioner?identifier=" + STAFF + child.socialWorker.staffId(), Practitioner.class);
        assertThat(planOf(child).getCareManager().getReference()).isEqualTo(id(second));
        assertThat(count("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + child.planId)).isEqualTo(1);
    }

    @Test
    void clinicianLookupShowsTheWorkersContactsAndNotifiesTheWorkerAndTeam() {
        ChildSubmission child = withWorkerAndTeam();
        la(child).transaction().withBundle(child.transaction()).execute();

        Bundle lookup = clinician().search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber + GUIDE_LOOKUP)
                .returnBundle(Bundle.class).execute();

        PractitionerRole post = only(lookup, PractitionerRole.class);
        assertThat(post.getTelecom()).extracting(ContactPoint::getValue)
                .containsExactlyInAnyOrder(child.socialWorker.phone(), child.socialWorker.email());
        assertThat(only(lookup, Practitioner.class).getNameFirstRep().getText()).isEqualTo(child.socialWorker.name());
        assertThat(only(lookup, CareTeam.class).getName()).isEqualTo("Team " + child.teamId);
        Communication notification = single(auditor(), "Communication?subject.identifier=" + NHS + child.nhsNumber, Communication.class);
        assertThat(notification.getRecipient()).extracting(Reference::getReference)
                .containsExactly(laId(child), id(post), id(only(lookup, CareTeam.class)));
    }

    @Test
    void theLocalAuthorityFindsTheNotificationsAddressedToItsWorker() {
        ChildSubmission child = withWorkerAndTeam();
        la(child).transaction().withBundle(child.transaction()).execute();
        clinician().search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber + "&_include=Flag:detail")
                .returnBundle(Bundle.class).execute();
        PractitionerRole post = single(la(child), "PractitionerRole?identifier=" + STAFF + child.socialWorker.staffId(), PractitionerRole.class);

        Bundle toTheWorker = la(child).search().byUrl("Communication?recipient=" + id(post)).returnBundle(Bundle.class).execute();

        assertThat(toTheWorker.getEntry()).hasSize(1);
        assertThat(((Communication) toTheWorker.getEntryFirstRep().getResource()).getSubject().getIdentifier().getValue())
                .isEqualTo(child.nhsNumber);
    }

    @Test
    void aWorkerWhoHasLeftIsEndedNotDeletedAndNoLongerNotified() {
        ChildSubmission child = withWorkerAndTeam();
        la(child).transaction().withBundle(child.transaction()).execute();
        child.socialWorker = child.socialWorker.leftPost();
        la(child).transaction().withBundle(child.transaction()).execute();

        clinician().search().byUrl("Flag?patient.identifier=" + NHS + child.nhsNumber + "&_include=Flag:detail")
                .returnBundle(Bundle.class).execute();

        PractitionerRole post = single(client, "PractitionerRole?identifier=" + STAFF + child.socialWorker.staffId(), PractitionerRole.class);
        assertThat(post.getActive()).isFalse();
        Communication notification = single(auditor(), "Communication?subject.identifier=" + NHS + child.nhsNumber, Communication.class);
        assertThat(notification.getRecipient()).extracting(Reference::getReference)
                .contains(laId(child)).doesNotContain(id(post));
    }

    @Test
    void anotherLocalAuthorityWithTheSameStaffNumberGetsItsOwnWorkerAndCannotChangeTheFirst() {
        ChildSubmission mine = withWorkerAndTeam();
        la(mine).transaction().withBundle(mine.transaction()).execute();
        ChildSubmission theirs = anotherAuthorityWithTheSameStaffNumberAndTeam(mine);

        la(theirs).transaction().withBundle(theirs.transaction()).execute();

        List<PractitionerRole> posts = all(client, "PractitionerRole?identifier=" + STAFF + mine.socialWorker.staffId(), PractitionerRole.class);
        assertThat(posts).hasSize(2);
        PractitionerRole minePost = single(la(mine), "PractitionerRole?identifier=" + STAFF + mine.socialWorker.staffId(), PractitionerRole.class);
        assertThat(minePost.getTelecom()).extracting(ContactPoint::getValue).contains(mine.socialWorker.phone());
        assertThat(all(la(theirs), "PractitionerRole?identifier=" + STAFF + mine.socialWorker.staffId(), PractitionerRole.class))
                .hasSize(1).extracting(PractitionerRole::getIdElement).doesNotContain(minePost.getIdElement());
        assertThatThrownBy(() -> la(theirs).read().resource(PractitionerRole.class).withId(minePost.getIdElement()).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(count("CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|" + mine.teamId)).isEqualTo(2);
    }

    @Test
    void aBatchUsingAnotherAuthoritysStaffNumberAndTeamGetsItsOwnAndLeavesTheirsUnchanged() {
        ChildSubmission mine = withWorkerAndTeam();
        la(mine).transaction().withBundle(mine.transaction()).execute();
        PractitionerRole minePost = single(client, "PractitionerRole?identifier=" + STAFF + mine.socialWorker.staffId(), PractitionerRole.class);
        CareTeam mineTeam = single(client, "CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|" + mine.teamId, CareTeam.class);
        ChildSubmission theirs = anotherAuthorityWithTheSameStaffNumberAndTeam(mine);

        Bundle answer = la(theirs).transaction().withBundle(withStaff(theirs.batch(), theirs)).execute();

        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus()).allMatch(s -> s.startsWith("20"));
        PractitionerRole minePostAfter = client.read().resource(PractitionerRole.class).withId(minePost.getIdElement().toUnqualifiedVersionless()).execute();
        assertThat(minePostAfter.getMeta().getVersionId()).isEqualTo(minePost.getMeta().getVersionId());
        assertThat(minePostAfter.getTelecom()).extracting(ContactPoint::getValue).contains(mine.socialWorker.phone());
        assertThat(client.read().resource(CareTeam.class).withId(mineTeam.getIdElement().toUnqualifiedVersionless()).execute().getMeta().getVersionId())
                .isEqualTo(mineTeam.getMeta().getVersionId());
        assertThat(count("Practitioner?identifier=" + STAFF + mine.socialWorker.staffId())).isEqualTo(2);
        assertThat(all(la(theirs), "PractitionerRole?identifier=" + STAFF + mine.socialWorker.staffId(), PractitionerRole.class))
                .singleElement().satisfies(p -> assertThat(p.getTelecom()).extracting(ContactPoint::getValue)
                        .contains(theirs.socialWorker.phone()));
        assertThat(count("CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|" + mine.teamId)).isEqualTo(2);
    }

    @Test
    void aBatchEntryOfAWorkerAssignedByAnotherAuthorityStoresNoWorker() {
        ChildSubmission mine = withWorkerAndTeam();
        la(mine).transaction().withBundle(mine.transaction()).execute();
        Practitioner mineWorker = single(client, "Practitioner?identifier=" + STAFF + mine.socialWorker.staffId(), Practitioner.class);
        ChildSubmission theirs = new ChildSubmission();
        theirs.socialWorker = SocialWorker.random();
        Bundle batch = withStaff(theirs.batch(), theirs);
        // Their batch claims the first LA assigned the worker's staff number.
        batch.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Practitioner.class::isInstance)
                .map(Practitioner.class::cast).findFirst().orElseThrow().getIdentifierFirstRep()
                .setAssigner(new Reference("Organization?identifier=" + Identifiers.ODS_CODE + "|" + mine.odsCode));

        Bundle answer = la(theirs).transaction().withBundle(batch).execute();

        // A batch's entries stand alone: the worker's entry is refused, the child's own entries are stored.
        int workerEntry = batch.getEntry().indexOf(batch.getEntry().stream()
                .filter(e -> e.getResource() instanceof Practitioner).findFirst().orElseThrow());
        assertThat(answer.getEntry().get(workerEntry).getResponse().getStatus()).startsWith("403");
        assertThat(answer.getEntry().subList(0, 4)).extracting(e -> e.getResponse().getStatus()).allMatch(s -> s.startsWith("20"));
        assertThat(client.read().resource(Practitioner.class).withId(mineWorker.getIdElement().toUnqualifiedVersionless())
                .execute().getMeta().getVersionId()).isEqualTo(mineWorker.getMeta().getVersionId());
        assertThat(count("Practitioner?identifier=" + STAFF + theirs.socialWorker.staffId())).isZero();
    }

    /** Another LA's child, whose worker has the same staff number, and whose team the same identifier, as mine's. */
    private static ChildSubmission anotherAuthorityWithTheSameStaffNumberAndTeam(ChildSubmission mine) {
        ChildSubmission theirs = new ChildSubmission();
        theirs.socialWorker = new SocialWorker(mine.socialWorker.staffId(), "Someone Else", "0113 999 9999",
                "someone@other.example.gov.uk", true);
        theirs.teamId = mine.teamId;
        return theirs;
    }

    /**
     * The child's worker, post and team added to its batch, each keyed by its LA-issued identifier and naming the
     * others and the LA by conditional references (a batch does not resolve {@code urn:uuid:} between entries).
     */
    private static Bundle withStaff(Bundle batch, ChildSubmission child) {
        String la = "Organization?identifier=" + Identifiers.ODS_CODE + "|" + child.odsCode;
        String worker = "Practitioner?identifier=" + STAFF + child.socialWorker.staffId();
        batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(child.worker(la)).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(worker);
        batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(child.post(worker, la)).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl("PractitionerRole?identifier=" + STAFF + child.socialWorker.staffId());
        if (child.teamId != null) {
            batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(child.team(la)).getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT).setUrl("CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|" + child.teamId);
        }
        return batch;
    }

    @Test
    void aLocalAuthorityCannotSendAWorkerAssignedByAnother() {
        ChildSubmission mine = withWorkerAndTeam();
        la(mine).transaction().withBundle(mine.transaction()).execute();
        ChildSubmission theirs = new ChildSubmission();
        theirs.socialWorker = SocialWorker.random();
        Bundle bundle = theirs.transaction();
        // Their bundle claims the first LA assigned the worker's staff number.
        Practitioner claimed = (Practitioner) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Practitioner.class::isInstance).findFirst().orElseThrow();
        claimed.getIdentifierFirstRep()
                .setAssigner(new Reference("Organization?identifier=" + Identifiers.ODS_CODE + "|" + mine.odsCode));

        assertThatThrownBy(() -> la(theirs).transaction().withBundle(bundle).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(count("Practitioner?identifier=" + STAFF + theirs.socialWorker.staffId())).isZero();
    }

    @Test
    void aLocalAuthorityCannotAddressItsPlanToAnotherLocalAuthoritysWorkerById() {
        ChildSubmission mine = withWorkerAndTeam();
        la(mine).transaction().withBundle(mine.transaction()).execute();
        PractitionerRole minePost = single(client, "PractitionerRole?identifier=" + STAFF + mine.socialWorker.staffId(), PractitionerRole.class);
        ChildSubmission theirs = new ChildSubmission();
        Bundle bundle = theirs.transaction();
        EpisodeOfCare plan = (EpisodeOfCare) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(EpisodeOfCare.class::isInstance).findFirst().orElseThrow();
        plan.addExtension(Extensions.CARE_MANAGER_ROLE, new Reference(id(minePost)));

        assertThatThrownBy(() -> la(theirs).transaction().withBundle(bundle).execute())
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("must name the submitting LA's own PractitionerRole");
        assertThat(count("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + theirs.planId)).isZero();
    }

    @Test
    void aRegisteredLocalAuthorityMaySubmitWithoutItsOrganizationByConditionalReferences() {
        ChildSubmission child = withWorkerAndTeam();
        la(child).transaction().withBundle(child.transaction()).execute();
        ChildSubmission next = withWorkerAndTeam();
        next.odsCode = child.odsCode;
        Bundle bundle = next.transaction();
        String urn = bundle.getEntryFirstRep().getFullUrl();
        bundle.getEntry().remove(0);
        String conditional = "Organization?identifier=" + Identifiers.ODS_CODE + "|" + child.odsCode;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            FHIR.newTerser().getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class).stream()
                    .filter(r -> urn.equals(r.getReference())).forEach(r -> r.setReference(conditional));
        }

        la(next).transaction().withBundle(bundle).execute();

        assertThat(planOf(next).getManagingOrganization().getReference()).isEqualTo(laId(child));
        assertThat(count("Organization?identifier=" + Identifiers.ODS_CODE + "|" + child.odsCode)).isEqualTo(1);
    }

    private static ChildSubmission withWorkerAndTeam() {
        ChildSubmission child = new ChildSubmission();
        child.socialWorker = SocialWorker.random();
        child.teamId = "TEAM-" + UUID.randomUUID().toString().substring(0, 8);
        return child;
    }

    private IGenericClient la(ChildSubmission child) {
        return clientWithToken(TOKENS.token("local-authority", child.odsCode, null));
    }

    private IGenericClient clinician() {
        return clientWithToken(TOKENS.token("clinician", "RXX01", AuditCodes.UNSCHEDULED_CARE));
    }

    private IGenericClient auditor() {
        return clientWithToken(TOKENS.token("auditor", "X26", null));
    }

    private EpisodeOfCare planOf(ChildSubmission child) {
        return single(client, "EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + child.planId, EpisodeOfCare.class);
    }

    private String laId(ChildSubmission child) {
        return id(single(client, "Organization?identifier=" + Identifiers.ODS_CODE + "|" + child.odsCode,
                org.hl7.fhir.r4.model.Organization.class));
    }

    private int count(String query) {
        return client.search().byUrl(query + "&_summary=count").returnBundle(Bundle.class).execute().getTotal();
    }

    private static String id(IBaseResource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static <T extends IBaseResource> List<T> all(IGenericClient as, String query, Class<T> type) {
        Bundle bundle = as.search().byUrl(query).returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends IBaseResource> T single(IGenericClient as, String query, Class<T> type) {
        List<T> found = all(as, query, type);
        assertThat(found).as(query).hasSize(1);
        return found.get(0);
    }

    private static <T extends IBaseResource> T only(Bundle bundle, Class<T> type) {
        List<T> found = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName() + " in the lookup").hasSize(1);
        return found.get(0);
    }
}
