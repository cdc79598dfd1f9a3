package uk.cpis.fhir.submission;

import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * A child has at most one active plan of each type from each local authority: a second active Flag of the same
 * type, under another plan identifier, in the bundle or already stored, is refused — the LA must update the
 * plan it has (same plan identifier) instead of sending a copy.
 */
final class SingleActivePlanRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.ONE_ACTIVE_PLAN;
    }

    private final IFhirResourceDao<Flag> flags;
    private final IFhirResourceDao<Patient> patients;
    private final IFhirResourceDao<Organization> organisations;

    SingleActivePlanRule(IFhirResourceDao<Flag> flags, IFhirResourceDao<Patient> patients,
            IFhirResourceDao<Organization> organisations) {
        this.flags = flags;
        this.patients = patients;
        this.organisations = organisations;
    }

    /** What makes two plans "the same kind" for one child. */
    private record PlanKey(String nhsNumber, String planType, String odsCode) {}

    /** An active flag of the bundle, with what it is checked by. */
    private record ActiveFlag(SubmissionBundle.Typed<Flag> typed, PlanKey key, String planId) {}

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<ActiveFlag> activeFlags = activeFlagsOf(submission);
        if (activeFlags.isEmpty()) {
            return List.of();
        }
        StoredFlags stored = storedFlagsOf(activeFlags.stream().map(f -> f.key().nhsNumber()).collect(Collectors.toSet()));
        List<SubmissionIssue> issues = new ArrayList<>();
        Map<PlanKey, String> seenInBundle = new HashMap<>();
        Map<String, Set<String>> organisationsByOdsCode = new HashMap<>();
        for (ActiveFlag flag : activeFlags) {
            String other = seenInBundle.putIfAbsent(flag.key(), flag.planId());
            Optional<String> conflicting = other != null && !other.equals(flag.planId())
                    ? Optional.of(other + ", in this bundle")
                    : stored.activePlanOtherThan(flag.key(), flag.planId(), organisationsByOdsCode.computeIfAbsent(
                            flag.key().odsCode(), this::organisationsWithOdsCode)).map(plan -> plan + ", already stored");
            if (conflicting.isPresent()) {
                issues.add(conflict(submission, flag.typed().entry(), conflicting.get()));
                // The plan too: in a batch each entry stands alone, and the plan must not be stored without its flag.
                planOf(submission, flag.typed().resource())
                        .ifPresent(plan -> issues.add(conflict(submission, plan, conflicting.get())));
            }
        }
        return issues;
    }

    /** The bundle's active Flags that name their child, LA, plan type and plan. */
    private List<ActiveFlag> activeFlagsOf(SubmissionBundle submission) {
        List<ActiveFlag> activeFlags = new ArrayList<>();
        for (SubmissionBundle.Typed<Flag> typed : submission.entriesOf(Flag.class)) {
            Flag flag = typed.resource();
            Optional<String> planId = planIdOf(flag);
            Optional<PlanKey> key = keyOf(submission, flag);
            if (flag.getStatus() == Flag.FlagStatus.ACTIVE && planId.isPresent() && key.isPresent()) {
                activeFlags.add(new ActiveFlag(typed, key.get(), planId.get()));
            }
        }
        return activeFlags;
    }

    private static Optional<String> planIdOf(Flag flag) {
        return SubmissionValues.identifier(flag.getIdentifier(), Identifiers.LOCAL_AUTHORITY_PLAN);
    }

    private static SubmissionIssue conflict(SubmissionBundle submission, SubmissionBundle.Entry entry, String otherPlan) {
        return SubmissionIssue.rule(submission.location(entry, "identifier"),
                "The child already has an active plan of this type from this local authority (plan " + otherPlan
                        + "): update that plan instead of sending a second one");
    }

    /** The bundle entry of the flag's plan (its flag-detail), if sent beside it. */
    private static Optional<SubmissionBundle.Entry> planOf(SubmissionBundle submission, Flag flag) {
        Extension detail = flag.getExtensionByUrl(Extensions.FLAG_DETAIL);
        return detail != null && detail.getValue() instanceof Reference plan
                ? submission.resolve(plan).filter(e -> e.resource() instanceof EpisodeOfCare)
                : Optional.empty();
    }

    private Optional<PlanKey> keyOf(SubmissionBundle submission, Flag flag) {
        // By the bundle's own entry, or else by a conditional reference's identifier: a bundle without its
        // Organization (a registered LA's, a file's) and a batch entry run alone name them so.
        Optional<String> nhs = submission.resolve(flag.getSubject())
                .filter(e -> e.resource() instanceof Patient)
                .flatMap(e -> SubmissionValues.identifier(((Patient) e.resource()).getIdentifier(), Identifiers.NHS_NUMBER))
                .or(() -> SubmissionValues.conditional(flag.getSubject(), "Patient", Identifiers.NHS_NUMBER))
                .filter(SingleActivePlanRule::oneValue);
        Optional<String> ods = SubmissionValues.odsCodeOf(submission, flag.getAuthor()).filter(SingleActivePlanRule::oneValue);
        Optional<String> type = SubmissionValues.planType(flag.getCode());
        if (nhs.isEmpty() || ods.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlanKey(nhs.get(), type.get(), ods.get()));
    }

    /** A value read from a conditional reference with no other parameter after it. */
    private static boolean oneValue(String value) {
        return !value.contains("&");
    }

    /** The NHS numbers of the children a submission's active Flags are about: what {@link ChildSubmissionLock} locks. */
    Set<String> childrenWithActiveFlags(SubmissionBundle submission) {
        return activeFlagsOf(submission).stream().map(flag -> flag.key().nhsNumber())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * The stored flags of the bundle's children, in two queries for the whole bundle: their Patients by NHS number,
     * then those Patients' flags (authors are compared in memory). One chained query per flag (flags by the
     * patient's NHS number) cost PostgreSQL a join of three tables each, a hundred times a bundle; chaining the
     * author's ODS code as well joined five and took some 60 ms a flag to plan.
     */
    private StoredFlags storedFlagsOf(Set<String> nhsNumbers) {
        TokenOrListParam byNhsNumber = new TokenOrListParam();
        nhsNumbers.forEach(nhs -> byNhsNumber.addOr(new TokenParam(Identifiers.NHS_NUMBER, nhs)));
        Map<String, String> nhsNumberByPatient = new HashMap<>();
        for (IBaseResource found : patients.search(SearchParameterMap.newSynchronous().add(Patient.SP_IDENTIFIER, byNhsNumber),
                new SystemRequestDetails()).getAllResources()) {
            Patient patient = (Patient) found;
            SubmissionValues.identifier(patient.getIdentifier(), Identifiers.NHS_NUMBER).ifPresent(nhs -> nhsNumberByPatient
                    .put(patient.getIdElement().toUnqualifiedVersionless().getValue(), nhs));
        }
        Map<String, List<Flag>> flagsByNhsNumber = new HashMap<>();
        if (!nhsNumberByPatient.isEmpty()) {
            ReferenceOrListParam byPatient = new ReferenceOrListParam();
            nhsNumberByPatient.keySet().forEach(patient -> byPatient.addOr(new ReferenceParam(patient)));
            for (IBaseResource found : flags.search(SearchParameterMap.newSynchronous().add(Flag.SP_PATIENT, byPatient),
                    new SystemRequestDetails()).getAllResources()) {
                Flag flag = (Flag) found;
                String nhs = nhsNumberByPatient.get(flag.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue());
                if (nhs != null) {
                    flagsByNhsNumber.computeIfAbsent(nhs, k -> new ArrayList<>()).add(flag);
                }
            }
        }
        return new StoredFlags(flagsByNhsNumber);
    }

    /** The stored flags of a submission's children, by NHS number. */
    private record StoredFlags(Map<String, List<Flag>> byNhsNumber) {

        /** Another active plan of the key's type from one of the LA's Organizations, if the child has one. */
        Optional<String> activePlanOtherThan(PlanKey key, String planId, Set<String> authorityIds) {
            return byNhsNumber.getOrDefault(key.nhsNumber(), List.of()).stream()
                    .filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE)
                    .filter(f -> authorityIds.contains(f.getAuthor().getReferenceElement().toUnqualifiedVersionless().getValue()))
                    .filter(f -> SubmissionValues.planType(f.getCode()).filter(key.planType()::equals).isPresent())
                    .map(SingleActivePlanRule::planIdOf)
                    .flatMap(Optional::stream)
                    .filter(storedPlan -> !storedPlan.equals(planId))
                    .findFirst();
        }
    }

    /** The stored Organizations ("Organization/12") of the LA with this ODS code. */
    private Set<String> organisationsWithOdsCode(String odsCode) {
        SearchParameterMap query = SearchParameterMap.newSynchronous(
                Organization.SP_IDENTIFIER, new TokenParam(Identifiers.ODS_CODE, odsCode));
        return organisations.searchForResourceIds(query, new SystemRequestDetails()).stream()
                .map(id -> "Organization/" + id.getIdPart())
                .collect(Collectors.toSet());
    }
}
