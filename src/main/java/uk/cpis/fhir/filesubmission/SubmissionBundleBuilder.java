package uk.cpis.fhir.filesubmission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import uk.cpis.fhir.contract.CpisContract.FlagCategories;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.contract.CpisContract.Profiles;
import uk.cpis.fhir.contract.CpisContract.StaffRoles;
import uk.cpis.fhir.filesubmission.RowLocator.EntryKind;
import uk.cpis.fhir.filesubmission.RowLocator.EntrySource;

/**
 * Makes checked rows into the {@code cpis-submission} transaction an LA's own FHIR system would post: one
 * Practitioner and one PractitionerRole per social worker, one CareTeam per team, one Patient per NHS number, then
 * each row's plan (EpisodeOfCare) and its Flag, linked by {@code urn:uuid:} full URLs. The LA is not an entry: every
 * record names it by a conditional reference on its ODS code, since it must already be registered on the server.
 * Each entry is keyed on the LA's own identifier (conditional create or update), so the same file sent twice keeps
 * one record of each.
 */
final class SubmissionBundleBuilder {

    /** The bundle, and where each entry came from. */
    record Built(Bundle bundle, RowLocator locator) {}

    private final String localAuthority;
    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    private final Map<Integer, EntrySource> sources = new HashMap<>();

    private SubmissionBundleBuilder(String odsCode) {
        this.localAuthority = "Organization?identifier=" + Identifiers.ODS_CODE + "|" + odsCode;
        bundle.getMeta().addProfile(Profiles.SUBMISSION);
    }

    static Built build(List<PlanRow> rows, String odsCode) {
        return new SubmissionBundleBuilder(odsCode).add(rows);
    }

    private Built add(List<PlanRow> rows) {
        Map<String, List<PlanRow>> workers = byKey(rows, r -> r.socialWorker() == null ? null : r.socialWorker().id());
        Map<String, List<PlanRow>> teams = byKey(rows, r -> r.team() == null ? null : r.team().id());
        Map<String, List<PlanRow>> patients = byKey(rows, PlanRow::nhsNumber);
        Map<String, String> workerUrns = new HashMap<>();
        Map<String, String> roleUrns = new HashMap<>();
        Map<String, String> teamUrns = new HashMap<>();
        Map<String, String> patientUrns = new HashMap<>();
        workers.forEach((id, of) -> workerUrns.put(id, addSocialWorker(of.get(0).socialWorker(), numbers(of))));
        workers.forEach((id, of) -> roleUrns.put(id, addSocialWorkerRole(of.get(0).socialWorker(), workerUrns.get(id), numbers(of))));
        teams.forEach((id, of) -> teamUrns.put(id, addTeam(of.get(0).team(), numbers(of))));
        patients.forEach((nhsNumber, of) -> patientUrns.put(nhsNumber, addPatient(of, numbers(of))));
        for (PlanRow row : rows) {
            String worker = row.socialWorker() == null ? null : row.socialWorker().id();
            String team = row.team() == null ? null : row.team().id();
            String planUrn = addPlan(row, patientUrns.get(row.nhsNumber()), workerUrns.get(worker), roleUrns.get(worker),
                    teamUrns.get(team));
            addFlag(row, patientUrns.get(row.nhsNumber()), planUrn);
        }
        return new Built(bundle, new RowLocator(sources));
    }

    private static Map<String, List<PlanRow>> byKey(List<PlanRow> rows, Function<PlanRow, String> key) {
        Map<String, List<PlanRow>> grouped = new LinkedHashMap<>();
        for (PlanRow row : rows) {
            String value = key.apply(row);
            if (value != null) {
                grouped.computeIfAbsent(value, k -> new ArrayList<>()).add(row);
            }
        }
        return grouped;
    }

    private static List<Integer> numbers(List<PlanRow> rows) {
        return rows.stream().map(PlanRow::row).toList();
    }

    /** Adds an entry with a fresh {@code urn:uuid:} full URL, noting where it came from. */
    private Bundle.BundleEntryComponent entry(Resource resource, Bundle.HTTPVerb method, String url, EntrySource source) {
        Bundle.BundleEntryComponent entry =
                bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource);
        entry.getRequest().setMethod(method).setUrl(url);
        sources.put(bundle.getEntry().size() - 1, source);
        return entry;
    }

    private String addSocialWorker(PlanRow.SocialWorker worker, List<Integer> rows) {
        Practitioner practitioner = new Practitioner().setActive(true);
        practitioner.getMeta().addProfile(Profiles.SOCIAL_WORKER);
        practitioner.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_STAFF).setValue(worker.id())
                .setAssigner(new Reference(localAuthority));
        practitioner.addName().setText(worker.name());
        return entry(practitioner, Bundle.HTTPVerb.PUT, staffKey("Practitioner", worker.id()),
                new EntrySource(EntryKind.SOCIAL_WORKER, rows, List.of())).getFullUrl();
    }

    private String addSocialWorkerRole(PlanRow.SocialWorker worker, String practitionerUrn, List<Integer> rows) {
        PractitionerRole role = new PractitionerRole().setActive(true);
        role.getMeta().addProfile(Profiles.SOCIAL_WORKER_ROLE);
        role.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_STAFF).setValue(worker.id());
        role.setPractitioner(new Reference(practitionerUrn)).setOrganization(new Reference(localAuthority));
        role.addCode().addCoding().setSystem(StaffRoles.SNOMED).setCode(StaffRoles.SOCIAL_WORKER)
                .setDisplay(StaffRoles.SOCIAL_WORKER_DISPLAY);
        List<FileColumn> telecoms = new ArrayList<>();
        if (worker.phone() != null) {
            role.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.WORK)
                    .setValue(worker.phone());
            telecoms.add(FileColumn.SOCIAL_WORKER_PHONE);
        }
        if (worker.email() != null) {
            role.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setUse(ContactPoint.ContactPointUse.WORK)
                    .setValue(worker.email());
            telecoms.add(FileColumn.SOCIAL_WORKER_EMAIL);
        }
        return entry(role, Bundle.HTTPVerb.PUT, staffKey("PractitionerRole", worker.id()),
                new EntrySource(EntryKind.SOCIAL_WORKER_ROLE, rows, telecoms)).getFullUrl();
    }

    private static String staffKey(String type, String id) {
        return type + "?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|" + id;
    }

    private String addTeam(PlanRow.Team team, List<Integer> rows) {
        CareTeam careTeam = new CareTeam().setStatus(CareTeam.CareTeamStatus.ACTIVE).setName(team.name());
        careTeam.getMeta().addProfile(Profiles.SOCIAL_WORK_TEAM);
        careTeam.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_TEAM).setValue(team.id());
        careTeam.addManagingOrganization(new Reference(localAuthority));
        return entry(careTeam, Bundle.HTTPVerb.PUT, "CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|" + team.id(),
                new EntrySource(EntryKind.TEAM, rows, List.of())).getFullUrl();
    }

    /** The child, or the mother of an unborn plan (then female: the server holds such a plan only on a woman). */
    private String addPatient(List<PlanRow> rows, List<Integer> numbers) {
        PlanRow first = rows.get(0);
        Patient patient = new Patient();
        patient.getMeta().addProfile(Profiles.PATIENT);
        patient.addIdentifier().setSystem(Identifiers.NHS_NUMBER).setValue(first.nhsNumber());
        patient.setBirthDateElement(new DateType(first.dateOfBirth().toString()));
        if (rows.stream().anyMatch(r -> r.planType() == PlanType.UNBORN)) {
            patient.setGender(AdministrativeGender.FEMALE);
        }
        Bundle.BundleEntryComponent entry =
                entry(patient, Bundle.HTTPVerb.POST, "Patient", new EntrySource(EntryKind.PATIENT, numbers, List.of()));
        entry.getRequest().setIfNoneExist("identifier=" + Identifiers.NHS_NUMBER + "|" + first.nhsNumber());
        return entry.getFullUrl();
    }

    private String addPlan(PlanRow row, String patientUrn, String workerUrn, String roleUrn, String teamUrn) {
        EpisodeOfCare plan = new EpisodeOfCare().setStatus(
                row.finished() ? EpisodeOfCare.EpisodeOfCareStatus.FINISHED : EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
        plan.getMeta().addProfile(Profiles.EPISODE_OF_CARE);
        // The extensions in a known order, so that a problem at extension[i] names its column.
        List<FileColumn> extensions = new ArrayList<>();
        if (row.expectedDelivery() != null) {
            plan.addExtension(Extensions.EXPECTED_DELIVERY_DATE, new DateType(row.expectedDelivery().toString()));
            extensions.add(FileColumn.EXPECTED_DELIVERY_DATE);
        }
        if (roleUrn != null) {
            plan.addExtension(Extensions.CARE_MANAGER_ROLE, new Reference(roleUrn));
            extensions.add(FileColumn.SOCIAL_WORKER_ID);
        }
        plan.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_PLAN).setValue(row.planReference());
        plan.addType(planType(row));
        plan.setPatient(new Reference(patientUrn)).setManagingOrganization(new Reference(localAuthority));
        plan.setPeriod(period(row));
        if (workerUrn != null) {
            plan.setCareManager(new Reference(workerUrn));
        }
        if (teamUrn != null) {
            plan.addTeam(new Reference(teamUrn));
        }
        return entry(plan, Bundle.HTTPVerb.PUT, planKey("EpisodeOfCare", row),
                new EntrySource(EntryKind.PLAN, List.of(row.row()), extensions)).getFullUrl();
    }

    /** The plan's flag, as the LA submission guide builds one: it agrees with its plan in every field they share. */
    private void addFlag(PlanRow row, String patientUrn, String planUrn) {
        Flag flag = new Flag().setStatus(row.finished() ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        flag.getMeta().addProfile(Profiles.FLAG);
        flag.addExtension(Extensions.FLAG_DETAIL, new Reference(planUrn));
        flag.addIdentifier().setSystem(Identifiers.LOCAL_AUTHORITY_PLAN).setValue(row.planReference());
        flag.addCategory().addCoding().setSystem(FlagCategories.NHS_SYSTEM).setCode(FlagCategories.NHS_CODE);
        flag.addCategory().addCoding().setSystem(FlagCategories.CORE_SYSTEM).setCode(FlagCategories.CORE_CODE);
        flag.setCode(planType(row));
        flag.setSubject(new Reference(patientUrn)).setAuthor(new Reference(localAuthority));
        flag.setPeriod(period(row));
        entry(flag, Bundle.HTTPVerb.PUT, planKey("Flag", row), new EntrySource(EntryKind.FLAG, List.of(row.row()), List.of()));
    }

    private static String planKey(String type, PlanRow row) {
        return type + "?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + row.planReference();
    }

    private static CodeableConcept planType(PlanRow row) {
        CodeableConcept type = new CodeableConcept();
        type.addCoding().setSystem(PlanTypes.SNOMED).setCode(row.planType().snomedCode()).setDisplay(row.planType().display());
        return type;
    }

    private static Period period(PlanRow row) {
        Period period = new Period().setStartElement(new DateTimeType(row.planStart().toString()));
        if (row.planEnd() != null) {
            period.setEndElement(new DateTimeType(row.planEnd().toString()));
        }
        return period;
    }
}
