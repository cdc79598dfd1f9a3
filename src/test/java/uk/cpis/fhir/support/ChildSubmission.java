package uk.cpis.fhir.support;

import java.time.LocalDate;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.contract.CpisContract.StaffRoles;

/**
 * Builds a valid LA submission for one child, as the guide's LA submission page describes it: the LA
 * (conditional create on its ODS code), the patient (conditional create on the NHS number), the plan and its flag
 * (conditional updates on the LA's plan identifier), linked by {@code urn:uuid:}. Each setter returns this, and
 * {@link #transaction()} builds a fresh bundle each time, so tests can build a plan, then its end.
 */
public final class ChildSubmission {

    public String nhsNumber = NhsNumbers.random();
    public String odsCode = "T" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
    public String planId = "PLAN-" + UUID.randomUUID();
    public String planType = PlanTypes.CHILD_PROTECTION_PLAN;
    public AdministrativeGender gender = AdministrativeGender.MALE;
    public LocalDate start = LocalDate.now().minusMonths(3);
    public LocalDate end;
    public LocalDate expectedDelivery;
    /** The plan's care manager (the social worker), a reference to an existing Practitioner, or null. */
    public String careManager;
    /** The plan's social worker, sent in the submission (Practitioner and PractitionerRole), or null. */
    public SocialWorker socialWorker;
    /** The plan's team, sent in the submission (CareTeam): its LA team identifier and name, or null. */
    public String teamId;
    public Flag.FlagStatus flagStatus = Flag.FlagStatus.ACTIVE;

    /** A social worker as an LA sends one: staff identifier, name, work phone and e-mail, and whether in post. */
    public record SocialWorker(String staffId, String name, String phone, String email, boolean inPost) {
        public static SocialWorker random() {
            String id = "SW-" + UUID.randomUUID().toString().substring(0, 8);
            return new SocialWorker(id, "Worker " + id, "0113 000 " + (1000 + new java.util.Random().nextInt(9000)),
                    id.toLowerCase() + "@la.example.gov.uk", true);
        }

        public SocialWorker leftPost() {
            return new SocialWorker(staffId, name, phone, email, false);
        }
    }
    public EpisodeOfCare.EpisodeOfCareStatus planStatus = EpisodeOfCare.EpisodeOfCareStatus.ACTIVE;

    /** An unborn-child plan, held against a mother due in two months. */
    public static ChildSubmission unbornChildOfMother() {
        ChildSubmission submission = new ChildSubmission();
        submission.planType = PlanTypes.UNBORN_CHILD_PROTECTION_PLAN;
        submission.gender = AdministrativeGender.FEMALE;
        submission.expectedDelivery = LocalDate.now().plusMonths(2);
        return submission;
    }

    /** Ends the plan: flag inactive, plan finished, both with today as end date. */
    public ChildSubmission ended() {
        return endedOn(LocalDate.now());
    }

    /** Ends the plan on the given day: flag inactive, plan finished, both with that end date. */
    public ChildSubmission endedOn(LocalDate day) {
        end = day;
        flagStatus = Flag.FlagStatus.INACTIVE;
        planStatus = EpisodeOfCare.EpisodeOfCareStatus.FINISHED;
        return this;
    }

    /**
     * The id ("Patient/123") of this child's stored Patient, found by NHS number: an LA's submission answer does
     * not say it (it must not tell whether CP-IS already held the child).
     */
    public String storedPatientId(ca.uhn.fhir.rest.client.api.IGenericClient admin) {
        return admin.search().byUrl("Patient?identifier=" + Identifiers.NHS_NUMBER + "|" + nhsNumber)
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement()
                .toUnqualifiedVersionless().getValue();
    }

    /**
     * The same submission as a batch: its entries refer to each other by conditional references on their
     * identifiers, since a batch does not resolve {@code urn:uuid:} references between entries.
     */
    public Bundle batch() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.getMeta().addProfile(CpisContract.Profiles.SUBMISSION);
        String la = "Organization?identifier=" + Identifiers.ODS_CODE + "|" + odsCode;
        String child = "Patient?identifier=" + Identifiers.NHS_NUMBER + "|" + nhsNumber;
        String plan = "EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + planId;
        batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(localAuthority()).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Organization").setIfNoneExist("identifier=" + Identifiers.ODS_CODE + "|" + odsCode);
        batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient()).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=" + Identifiers.NHS_NUMBER + "|" + nhsNumber);
        batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(plan(child, la)).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(plan);
        batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(flag(child, la, plan)).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + planId);
        return batch;
    }

    public Bundle transaction() {
        return bundle(Bundle.BundleType.TRANSACTION);
    }

    public Bundle bundle(Bundle.BundleType type) {
        String laUrn = "urn:uuid:" + UUID.randomUUID();
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        String planUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(type);
        bundle.getMeta().addProfile(CpisContract.Profiles.SUBMISSION);
        bundle.addEntry().setFullUrl(laUrn).setResource(localAuthority()).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Organization")
                .setIfNoneExist("identifier=" + Identifiers.ODS_CODE + "|" + odsCode);
        bundle.addEntry().setFullUrl(patientUrn).setResource(patient()).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + Identifiers.NHS_NUMBER + "|" + nhsNumber);
        String workerUrn = null;
        String postUrn = null;
        String teamUrn = null;
        if (socialWorker != null) {
            workerUrn = "urn:uuid:" + UUID.randomUUID();
            postUrn = "urn:uuid:" + UUID.randomUUID();
            bundle.addEntry().setFullUrl(workerUrn).setResource(worker(laUrn)).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Practitioner?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|" + socialWorker.staffId());
            bundle.addEntry().setFullUrl(postUrn).setResource(post(workerUrn, laUrn)).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("PractitionerRole?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|" + socialWorker.staffId());
        }
        if (teamId != null) {
            teamUrn = "urn:uuid:" + UUID.randomUUID();
            bundle.addEntry().setFullUrl(teamUrn).setResource(team(laUrn)).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|" + teamId);
        }
        EpisodeOfCare plan = plan(patientUrn, laUrn);
        if (workerUrn != null) {
            plan.setCareManager(new Reference(workerUrn));
            plan.addExtension(Extensions.CARE_MANAGER_ROLE, new Reference(postUrn));
        }
        if (teamUrn != null) {
            plan.addTeam(new Reference(teamUrn));
        }
        bundle.addEntry().setFullUrl(planUrn).setResource(plan).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + planId);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(flag(patientUrn, laUrn, planUrn))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + planId);
        return bundle;
    }

    public Organization localAuthority() {
        Organization la = new Organization().setActive(true).setName("Test Local Authority " + odsCode);
        la.addIdentifier().setSystem(Identifiers.ODS_CODE).setValue(odsCode);
        phone(la, "office-hours", "0113 000 0001");
        phone(la, "emergency-duty", "0113 000 0002");
        return la;
    }

    private static void phone(Organization la, String purpose, String number) {
        ContactPoint phone = la.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.WORK)
                .setValue(number);
        phone.addExtension(Extensions.CONTACT_POINT_PURPOSE,
                new Coding(CpisContract.CANONICAL_BASE + "/CodeSystem/cpis-contact-point-purpose", purpose, null));
    }

    /** The social worker, its staff identifier assigned by the LA {@code laRef} names. */
    public Practitioner worker(String laRef) {
        Practitioner worker = new Practitioner().setActive(socialWorker.inPost());
        worker.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_STAFF).setValue(socialWorker.staffId())
                .setAssigner(new Reference(laRef));
        worker.addName().setText(socialWorker.name());
        return worker;
    }

    /** The social worker's post at the LA: work phone and e-mail. */
    public PractitionerRole post(String workerRef, String laRef) {
        PractitionerRole post = new PractitionerRole().setActive(socialWorker.inPost());
        post.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_STAFF).setValue(socialWorker.staffId());
        post.setPractitioner(new Reference(workerRef)).setOrganization(new Reference(laRef));
        post.addCode().addCoding().setSystem(StaffRoles.SNOMED).setCode(StaffRoles.SOCIAL_WORKER)
                .setDisplay(StaffRoles.SOCIAL_WORKER_DISPLAY);
        post.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.WORK)
                .setValue(socialWorker.phone());
        post.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setUse(ContactPoint.ContactPointUse.WORK)
                .setValue(socialWorker.email());
        return post;
    }

    /** The plan's social work team. */
    public CareTeam team(String laRef) {
        CareTeam team = new CareTeam().setStatus(CareTeam.CareTeamStatus.ACTIVE).setName("Team " + teamId);
        team.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_TEAM).setValue(teamId);
        team.addManagingOrganization(new Reference(laRef));
        return team;
    }

    public Patient patient() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(Identifiers.NHS_NUMBER).setValue(nhsNumber);
        patient.setGender(gender);
        patient.setBirthDateElement(new DateType(gender == AdministrativeGender.FEMALE ? "1995-06-01" : "2016-04-12"));
        return patient;
    }

    public EpisodeOfCare plan(String patientRef, String laRef) {
        EpisodeOfCare plan = new EpisodeOfCare().setStatus(planStatus);
        plan.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_PLAN).setValue(planId);
        plan.addType().addCoding().setSystem(PlanTypes.SNOMED).setCode(planType);
        plan.setPatient(new Reference(patientRef)).setManagingOrganization(new Reference(laRef));
        plan.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(start.toString()));
        if (end != null) {
            plan.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(end.toString()));
        }
        if (careManager != null) {
            plan.setCareManager(new Reference(careManager));
        }
        if (expectedDelivery != null) {
            plan.addExtension(Extensions.EXPECTED_DELIVERY_DATE, new DateType(expectedDelivery.toString()));
        }
        return plan;
    }

    public Flag flag(String patientRef, String laRef, String planRef) {
        Flag flag = new Flag().setStatus(flagStatus);
        flag.addExtension(Extensions.FLAG_DETAIL, new Reference(planRef));
        flag.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_PLAN).setValue(planId);
        flag.addCategory().addCoding().setSystem(CpisContract.FlagCategories.NHS_SYSTEM)
                .setCode(CpisContract.FlagCategories.NHS_CODE);
        flag.addCategory().addCoding().setSystem(CpisContract.FlagCategories.CORE_SYSTEM)
                .setCode(CpisContract.FlagCategories.CORE_CODE);
        flag.getCode().addCoding().setSystem(PlanTypes.SNOMED).setCode(planType);
        flag.setSubject(new Reference(patientRef)).setAuthor(new Reference(laRef));
        flag.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(start.toString()));
        if (end != null) {
            flag.getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(end.toString()));
        }
        return flag;
    }
}
