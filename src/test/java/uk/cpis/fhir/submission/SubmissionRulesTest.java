package uk.cpis.fhir.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.Flag.FlagStatus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.ClassPathResource;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import uk.cpis.fhir.server.ClockConfig;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.GuideExamples;

/**
 * The submission rules that are functions of the bundle alone (no database, no profile validation), checked
 * without a server: the refusal corpus' bundles of these rules each get their issue, at its location; the guide's
 * example and well-formed submissions get none. Over HTTP, {@code SubmissionRefusalIT} checks the same corpus
 * end to end, with the profile and one-active-plan rules.
 */
class SubmissionRulesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** A fixed "now": 4 December 2026, midday in London. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ClockConfig.ENGLAND);
    private static final Set<String> PURE_RULES = Set.of(SubmissionRules.ELEMENT_LIMITS,
            SubmissionRules.CONDITIONAL_KEYS, SubmissionRules.DUPLICATE_ENTRY, SubmissionRules.SUBMITTING_AUTHORITY,
            SubmissionRules.SOMETHING_TO_FLAG, SubmissionRules.FLAG_AGREES_WITH_PLAN,
            SubmissionRules.UNBORN_PLAN_ON_MOTHER, SubmissionRules.NO_FUTURE_DATES);

    /** The rules as the server runs them, in its order, without the one that reads the database. */
    private static List<SubmissionIssue> check(Bundle bundle, Clock clock) {
        SubmissionBundle submission = new SubmissionBundle(bundle);
        List<SubmissionIssue> issues = new ArrayList<>();
        ElementLimits.check(submission).forEach(i -> issues.add(i.withRule(SubmissionRules.ELEMENT_LIMITS)));
        if (!issues.isEmpty()) {
            return issues;
        }
        for (SubmissionRule rule : List.of(new ConditionalRequestRule(), new DuplicateEntryRule(),
                new SomethingToFlagRule(), new SubmittingAuthorityRule(), new PlanConsistencyRule(),
                new UnbornPlanRule(), new PlanDatesRule(clock))) {
            rule.check(submission).forEach(i -> issues.add(i.withRule(rule.code())));
        }
        return issues;
    }

    /** A child's submission with its dates set against {@link #NOW}, not the machine's clock. */
    private static ChildSubmission child() {
        ChildSubmission child = new ChildSubmission();
        child.start = LocalDate.now(NOW).minusMonths(3);
        return child;
    }

    private static ChildSubmission unbornChild() {
        ChildSubmission unborn = ChildSubmission.unbornChildOfMother();
        unborn.start = LocalDate.now(NOW).minusMonths(1);
        unborn.expectedDelivery = LocalDate.now(NOW).plusMonths(2);
        return unborn;
    }

    private static String corpus(String file) throws IOException {
        return new ClassPathResource("submission/invalid/" + file).getContentAsString(StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> findsEachCorpusBundlesBrokenRuleAtItsLocation() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(corpus("expected.json")).get("bundles");
        List<JsonNode> ofPureRules = StreamSupport.stream(expected.spliterator(), false)
                .filter(e -> e.has("ruleCode") && PURE_RULES.contains(e.get("ruleCode").asText()))
                .toList();
        // Every rule here has at least one broken bundle in the corpus.
        assertThat(ofPureRules).extracting(e -> e.get("ruleCode").asText()).containsAll(PURE_RULES);
        return ofPureRules.stream().map(entry -> DynamicTest.dynamicTest(
                entry.get("file").asText() + ": " + entry.get("rule").asText(), () -> {
                    Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, corpus(entry.get("file").asText()));

                    List<SubmissionIssue> issues = check(bundle, NOW);

                    assertThat(issues).anySatisfy(issue -> {
                        assertThat(issue.rule()).isEqualTo(entry.get("ruleCode").asText());
                        assertThat(issue.message()).contains(entry.get("diagnostics").asText());
                        if (!entry.get("expression").isNull()) {
                            assertThat(issue.location()).isEqualTo(entry.get("expression").asText());
                        }
                    });
                }));
    }

    @Test
    void refusesAPlanNamingAStaffRecordByIdRatherThanTheLasOwnKey() {
        ChildSubmission child = child();
        child.socialWorker = ChildSubmission.SocialWorker.random();
        child.teamId = "TEAM-1";
        Bundle bundle = child.transaction();
        EpisodeOfCare plan = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(EpisodeOfCare.class::isInstance).map(EpisodeOfCare.class::cast).findFirst().orElseThrow();
        assertThat(check(bundle, NOW)).isEmpty();

        plan.setCareManager(new Reference("Practitioner/77"));
        plan.getExtensionByUrl(CpisContract.Extensions.CARE_MANAGER_ROLE).setValue(new Reference("PractitionerRole/78"));
        plan.getTeamFirstRep().setReference("CareTeam/79");

        assertThat(check(bundle, NOW)).extracting(SubmissionIssue::rule, SubmissionIssue::location).containsExactlyInAnyOrder(
                tuple(SubmissionRules.SUBMITTING_AUTHORITY, "Bundle.entry[5].resource.careManager"),
                tuple(SubmissionRules.SUBMITTING_AUTHORITY, "Bundle.entry[5].resource.extension[0].value"),
                tuple(SubmissionRules.SUBMITTING_AUTHORITY, "Bundle.entry[5].resource.team[0]"));
    }

    @Test
    void acceptsStaffByConditionalReferenceOnTheLasOwnIdentifiers() {
        ChildSubmission child = child();
        Bundle bundle = child.transaction();
        EpisodeOfCare plan = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(EpisodeOfCare.class::isInstance).map(EpisodeOfCare.class::cast).findFirst().orElseThrow();
        plan.setCareManager(new Reference("Practitioner?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|SW-1"));
        plan.addTeam(new Reference("CareTeam?identifier=" + Identifiers.LOCAL_AUTHORITY_TEAM + "|T-1"));

        assertThat(check(bundle, NOW)).isEmpty();
    }

    @Test
    void passesTheGuidesExampleSubmission() {
        Bundle example = FHIR.newJsonParser().parseResource(Bundle.class,
                GuideExamples.read("Bundle-la-submission.json"));
        assertThat(check(example, NOW)).isEmpty();
    }

    @Test
    void passesWellFormedTransactionsAndBatchesOfEachPlanType() {
        ChildSubmission lookedAfter = child();
        lookedAfter.planType = PlanTypes.LOOKED_AFTER_CHILD;
        for (ChildSubmission submission : List.of(child(), child().endedOn(LocalDate.now(NOW)), lookedAfter,
                unbornChild())) {
            assertThat(check(submission.transaction(), NOW)).isEmpty();
            assertThat(check(submission.batch(), NOW)).isEmpty();
        }
    }

    @Test
    void acceptsAPlanStartingTodayInLondonAndRefusesOneStartingTomorrow() {
        // 23:30 UTC on 30 June is 00:30 on 1 July in London: 1 July is today, 2 July tomorrow.
        Clock lateJune = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ClockConfig.ENGLAND);
        ChildSubmission today = child();
        today.start = LocalDate.of(2026, 7, 1);
        ChildSubmission tomorrow = child();
        tomorrow.start = LocalDate.of(2026, 7, 2);

        assertThat(check(today.transaction(), lateJune)).isEmpty();
        assertThat(check(tomorrow.transaction(), lateJune))
                .isNotEmpty()
                .allSatisfy(issue -> {
                    assertThat(issue.rule()).isEqualTo(SubmissionRules.NO_FUTURE_DATES);
                    assertThat(issue.message()).contains("2026-07-02 is in the future (latest allowed: 2026-07-01)");
                });
    }

    @Test
    void letsAnUnbornChildsPlanRunUpToTheExpectedDeliveryDateButNotBeyond() {
        ChildSubmission unborn = unbornChild();
        unborn.start = LocalDate.of(2026, 12, 1);
        unborn.expectedDelivery = LocalDate.of(2027, 3, 1);
        unborn.end = LocalDate.of(2027, 3, 1);
        unborn.planStatus = EpisodeOfCareStatus.FINISHED;
        unborn.flagStatus = FlagStatus.INACTIVE;
        assertThat(check(unborn.transaction(), NOW)).isEmpty();

        unborn.end = LocalDate.of(2027, 3, 2);
        assertThat(check(unborn.transaction(), NOW)).isNotEmpty()
                .allSatisfy(issue -> assertThat(issue.rule()).isEqualTo(SubmissionRules.NO_FUTURE_DATES));
    }

    @Test
    void reportsEveryBrokenRuleOfABundleNotJustTheFirst() {
        ChildSubmission child = child();
        child.start = LocalDate.of(2099, 1, 1);
        child.gender = AdministrativeGender.MALE;
        child.planType = PlanTypes.UNBORN_CHILD_PROTECTION_PLAN;
        child.expectedDelivery = LocalDate.of(2027, 1, 1);

        assertThat(check(child.transaction(), NOW)).extracting(SubmissionIssue::rule)
                .contains(SubmissionRules.NO_FUTURE_DATES, SubmissionRules.UNBORN_PLAN_ON_MOTHER);
    }
}
