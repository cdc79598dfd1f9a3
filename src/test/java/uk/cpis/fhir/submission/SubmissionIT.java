package uk.cpis.fhir.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;
import uk.cpis.fhir.contract.CpisContract.Profiles;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.ManyChildren;
import uk.cpis.fhir.support.StoredCounts;

/** What an LA system sees when it submits, resubmits, ends and corrects plans. */
class SubmissionIT extends SharedFhirServer {

    @ParameterizedTest
    @ValueSource(strings = {PlanTypes.CHILD_PROTECTION_PLAN, PlanTypes.LOOKED_AFTER_CHILD})
    void storesANewPlanWithItsFlagAndAProvenance(String planType) {
        ChildSubmission child = new ChildSubmission();
        child.planType = planType;

        Bundle response = client.transaction().withBundle(child.transaction()).execute();

        assertThat(response.getEntry()).hasSize(5).extracting(e -> e.getResponse().getStatus())
                .allMatch(status -> status.startsWith("201"));
        Flag flag = activeFlags(child.nhsNumber).get(0);
        assertThat(SubmissionValuesView.planType(flag)).isEqualTo(planType);
        assertThat(provenanceOf(response).getTarget()).hasSize(4);
    }

    @Test
    void storesAnUnbornChildPlanAgainstTheMother() {
        ChildSubmission mother = ChildSubmission.unbornChildOfMother();

        client.transaction().withBundle(mother.transaction()).execute();

        Flag flag = activeFlags(mother.nhsNumber).get(0);
        assertThat(SubmissionValuesView.planType(flag)).isEqualTo(PlanTypes.UNBORN_CHILD_PROTECTION_PLAN);
    }

    @Test
    void resubmittingTheSameBundleLeavesTheDataAsAfterTheFirst() {
        ChildSubmission child = new ChildSubmission();
        client.transaction().withBundle(child.transaction()).execute();
        Map<String, Integer> afterFirst = StoredCounts.of(client);

        Bundle second = client.transaction().withBundle(child.transaction()).execute();

        Map<String, Integer> afterSecond = StoredCounts.of(client);
        afterFirst.remove("Provenance");
        assertThat(afterSecond).containsAllEntriesOf(afterFirst);
        assertThat(second.getEntry().subList(0, 4)).extracting(e -> e.getResponse().getStatus())
                .allMatch(status -> status.startsWith("200"));
        assertThat(second.getEntry().subList(0, 4)).extracting(e -> e.getResponse().getLocation())
                .allMatch(location -> location.endsWith("/_history/1"));
    }

    @Test
    void endingAPlanUpdatesTheSameFlagAndPlan() {
        ChildSubmission child = new ChildSubmission();
        client.transaction().withBundle(child.transaction()).execute();

        client.transaction().withBundle(child.ended().transaction()).execute();

        List<Flag> flags = flagsOf(child.nhsNumber);
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0).getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(flags.get(0).getPeriod().getEndElement().getValueAsString()).isEqualTo(child.end.toString());
        assertThat(flags.get(0).getMeta().getVersionId()).isEqualTo("2");
        EpisodeOfCare plan = client.search().forResource(EpisodeOfCare.class)
                .where(EpisodeOfCare.IDENTIFIER.exactly().systemAndCode(Identifiers.LOCAL_AUTHORITY_PLAN, child.planId))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (EpisodeOfCare) e.getResource()).findFirst().orElseThrow();
        assertThat(plan.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
    }

    @Test
    void aFlagUpdatedByALaterSubmissionStillClaimsTheProfileItWasSentWith() {
        ChildSubmission child = new ChildSubmission();
        client.transaction().withBundle(claimingFlagProfile(child.transaction())).execute();

        client.transaction().withBundle(claimingFlagProfile(child.ended().transaction())).execute();

        Flag flag = flagsOf(child.nhsNumber).get(0);
        assertThat(flag.getMeta().getVersionId()).isEqualTo("2");
        assertThat(flag.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(Profiles.FLAG);
    }

    private static Bundle claimingFlagProfile(Bundle submission) {
        submission.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Flag.class::isInstance).forEach(flag -> flag.getMeta().addProfile(Profiles.FLAG));
        return submission;
    }

    @Test
    void correctingAnErrorMarksTheFlagEnteredInError() {
        ChildSubmission child = new ChildSubmission();
        client.transaction().withBundle(child.transaction()).execute();
        child.flagStatus = Flag.FlagStatus.ENTEREDINERROR;
        child.planStatus = EpisodeOfCare.EpisodeOfCareStatus.ENTEREDINERROR;

        client.transaction().withBundle(child.transaction()).execute();

        assertThat(flagsOf(child.nhsNumber)).singleElement()
                .extracting(Flag::getStatus).isEqualTo(Flag.FlagStatus.ENTEREDINERROR);
    }

    @Test
    void refusesASecondActivePlanOfTheSameTypeFromTheSameLocalAuthority() {
        ChildSubmission child = new ChildSubmission();
        client.transaction().withBundle(child.transaction()).execute();
        child.planId = child.planId + "-copy";

        assertThatThrownBy(() -> client.transaction().withBundle(child.transaction()).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(diagnostics(e)).anyMatch(d -> d.contains("already has an active plan"));
                });
        assertThat(flagsOf(child.nhsNumber)).hasSize(1);
    }

    @Test
    void acceptsTheSameChildsPlansFromTwoLocalAuthorities() {
        ChildSubmission first = new ChildSubmission();
        ChildSubmission second = new ChildSubmission();
        second.nhsNumber = first.nhsNumber;

        client.transaction().withBundle(first.transaction()).execute();
        client.transaction().withBundle(second.transaction()).execute();

        assertThat(activeFlags(first.nhsNumber)).hasSize(2);
        assertThat(patients(first.nhsNumber)).hasSize(1);
    }

    @Test
    void twoLocalAuthoritiesUsingTheSamePlanReferenceNeverOverwriteEachOther() {
        ChildSubmission first = new ChildSubmission();
        ChildSubmission second = new ChildSubmission();
        second.planId = first.planId;
        second.planType = PlanTypes.LOOKED_AFTER_CHILD;
        client.transaction().withBundle(first.transaction()).execute();

        client.transaction().withBundle(second.transaction()).execute();
        client.transaction().withBundle(first.ended().transaction()).execute();

        Flag firstFlag = flagsOf(first.nhsNumber).get(0);
        Flag secondFlag = flagsOf(second.nhsNumber).get(0);
        assertThat(firstFlag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(firstFlag.getMeta().getVersionId()).isEqualTo("2");
        assertThat(secondFlag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(SubmissionValuesView.planType(secondFlag)).isEqualTo(PlanTypes.LOOKED_AFTER_CHILD);
        assertThat(secondFlag.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void authoritiesWithTheirOwnTokensUsingTheSamePlanReferenceEachKeepTheirOwnPlan() {
        ChildSubmission first = new ChildSubmission();
        ChildSubmission second = new ChildSubmission();
        second.planId = first.planId;
        IGenericClient firstLa = clientWithToken(TOKENS.token("local-authority", first.odsCode, null));
        IGenericClient secondLa = clientWithToken(TOKENS.token("local-authority", second.odsCode, null));
        firstLa.transaction().withBundle(first.transaction()).execute();
        firstLa.transaction().withBundle(first.transaction()).execute(); // a key only it holds: updated, not doubled

        secondLa.transaction().withBundle(second.transaction()).execute();
        secondLa.transaction().withBundle(second.ended().transaction()).execute();
        firstLa.transaction().withBundle(first.transaction()).execute();

        Flag firstFlag = flagsOf(first.nhsNumber).get(0);
        Flag secondFlag = flagsOf(second.nhsNumber).get(0);
        assertThat(flagsOf(first.nhsNumber)).hasSize(1);
        assertThat(flagsOf(second.nhsNumber)).hasSize(1);
        assertThat(firstFlag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(firstFlag.getMeta().getVersionId()).isEqualTo("1");
        assertThat(secondFlag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(secondFlag.getMeta().getVersionId()).isEqualTo("2");
        assertThat(client.search().byUrl("EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + first.planId)
                .returnBundle(Bundle.class).execute().getEntry()).hasSize(2);
    }

    @Test
    void namesEachProblemOfALargeBundleAtItsOwnEntry() {
        ManyChildren children = new ManyChildren(100, c -> {});
        Bundle bundle = children.transaction();
        List<Integer> flagEntries = new java.util.ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (bundle.getEntry().get(i).getResource() instanceof Flag) {
                flagEntries.add(i);
            }
        }
        List<Integer> broken = List.of(flagEntries.get(2), flagEntries.get(49), flagEntries.get(97));
        broken.forEach(i -> ((Flag) bundle.getEntry().get(i).getResource()).setStatus(null));

        assertThatThrownBy(() -> client.transaction().withBundle(bundle).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    List<String> entries = expressions(e).stream()
                            .map(x -> x.replaceAll("^(Bundle\\.entry\\[\\d+]).*", "$1")).distinct().toList();
                    assertThat(entries).containsExactlyInAnyOrderElementsOf(
                            broken.stream().map(i -> "Bundle.entry[" + i + "]").toList());
                });
        assertThat(patients(children.children().get(0).nhsNumber)).isEmpty();
    }

    @Test
    void reportsAProblemOfTheWholeLargeBundleOnce() {
        Bundle bundle = new ManyChildren(100, c -> {}).transaction();
        bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                .setResource(new ChildSubmission().localAuthority())
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Organization");

        assertThatThrownBy(() -> client.transaction().withBundle(bundle).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    List<String> texts = ((OperationOutcome) e.getOperationOutcome()).getIssue().stream()
                            .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList();
                    assertThat(texts).filteredOn(t -> t != null && t.contains("cpis-submission-3")).hasSize(1);
                });
    }

    @Test
    void listsEveryProblemOfABundleAtOnce() {
        ChildSubmission child = new ChildSubmission();
        child.nhsNumber = "9434765871";
        child.start = java.time.LocalDate.now().plusYears(1);
        Bundle bundle = child.transaction();
        ((Flag) bundle.getEntry().get(3).getResource()).setAuthor(new Reference("Organization/elsewhere"));

        assertThatThrownBy(() -> client.transaction().withBundle(bundle).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    List<String> expressions = expressions(e);
                    assertThat(expressions).contains(
                            "Bundle.entry[1].resource",
                            "Bundle.entry[2].resource.period.start",
                            "Bundle.entry[3].resource.author");
                });
        assertThat(patients(child.nhsNumber)).isEmpty();
    }

    @Test
    void aBatchAnswersEachEntryOnItsOwn() {
        ChildSubmission child = new ChildSubmission();
        Bundle batch = child.batch();
        Patient broken = new ChildSubmission().patient();
        broken.getIdentifierFirstRep().setValue("9434765871");
        batch.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(broken).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + Identifiers.NHS_NUMBER + "|9434765871");

        Bundle response = client.transaction().withBundle(batch).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(response.getEntry().subList(0, 4)).allMatch(e -> e.getResponse().getStatus().startsWith("201"));
        assertThat(response.getEntry().get(4).getResponse().getStatus()).startsWith("422");
        OperationOutcome outcome = (OperationOutcome) response.getEntry().get(4).getResponse().getOutcome();
        assertThat(outcome.getIssue()).anySatisfy(i -> {
            assertThat(i.getDiagnostics()).contains("cpis-patient-2");
            assertThat(i.getCode()).isEqualTo(OperationOutcome.IssueType.INVARIANT);
            assertThat(i.getExpression()).extracting(e -> e.getValue()).contains("Bundle.entry[4].resource");
            assertThat(i.getDetails().getCodingFirstRep().getCode()).isEqualTo("profile");
        });
        assertThat(patients(child.nhsNumber)).hasSize(1);
        assertThat(patients("9434765871")).isEmpty();
    }

    @Test
    void racingSubmissionsOfTwoPlansOfOneTypeForOneChildLeaveOneActivePlan() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                ChildSubmission known = new ChildSubmission();
                client.transaction().withBundle(known.ended().transaction()).execute(); // the child and LA exist
                ChildSubmission first = new ChildSubmission();
                first.nhsNumber = known.nhsNumber;
                first.odsCode = known.odsCode;
                ChildSubmission second = new ChildSubmission();
                second.nhsNumber = known.nhsNumber;
                second.odsCode = known.odsCode;
                String token = TOKENS.token("local-authority", known.odsCode, null);
                List<Callable<Integer>> racing = List.of(
                        () -> HttpCalls.postFhirJson(baseUrl() + "/fhir", token,
                                FHIR.newJsonParser().encodeResourceToString(first.transaction())).statusCode(),
                        () -> HttpCalls.postFhirJson(baseUrl() + "/fhir", token,
                                FHIR.newJsonParser().encodeResourceToString(second.transaction())).statusCode());

                List<Integer> statuses = new java.util.ArrayList<>();
                for (Future<Integer> answer : pool.invokeAll(racing)) {
                    statuses.add(answer.get());
                }

                assertThat(activeFlags(known.nhsNumber)).as("round " + round + ", answers " + statuses).hasSize(1);
                assertThat(statuses).as("round " + round).containsOnlyOnce(200)
                        .allMatch(status -> status == 200 || status == 422 || status == 409 || status == 503);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelSubmissionsForTheSameChildNeitherDuplicateNorLoseAnything() throws Exception {
        int children = 4;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<ChildSubmission> fromFirstLa = new java.util.ArrayList<>();
            List<ChildSubmission> fromSecondLa = new java.util.ArrayList<>();
            List<Callable<Bundle>> submissions = new java.util.ArrayList<>();
            String firstOds = new ChildSubmission().odsCode;
            String secondOds = new ChildSubmission().odsCode;
            for (int i = 0; i < children; i++) {
                ChildSubmission a = new ChildSubmission();
                a.odsCode = firstOds;
                ChildSubmission b = new ChildSubmission();
                b.odsCode = secondOds;
                b.nhsNumber = a.nhsNumber;
                fromFirstLa.add(a);
                fromSecondLa.add(b);
                submissions.add(() -> client.transaction().withBundle(a.transaction()).execute());
                submissions.add(() -> client.transaction().withBundle(b.transaction()).execute());
            }

            for (Future<Bundle> result : pool.invokeAll(submissions)) {
                assertThat(result.get().getEntry()).isNotEmpty();
            }

            for (int i = 0; i < children; i++) {
                assertThat(patients(fromFirstLa.get(i).nhsNumber)).hasSize(1);
                assertThat(activeFlags(fromFirstLa.get(i).nhsNumber)).hasSize(2);
            }
            assertThat(organizations(firstOds)).isEqualTo(1);
            assertThat(organizations(secondOds)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Eight LA systems submit bundles of the same eight children at once, two rounds of new children, each
     * retrying a retryable answer as a careful client would: no answer is a 5xx other than 503, every child is
     * stored once, and every LA's flag is there (no lost update).
     */
    @Test
    void eightAuthoritiesSubmittingTheSameChildrenGetOnlySuccessOrRetryableAnswers() throws Exception {
        int authorities = 8;
        int children = 8;
        int rounds = 2;
        List<String> odsCodes = new java.util.ArrayList<>();
        for (int a = 0; a < authorities; a++) {
            odsCodes.add(new ChildSubmission().odsCode);
        }
        for (int round = 0; round < rounds; round++) {
            List<String> nhsNumbers = new java.util.ArrayList<>();
            for (int i = 0; i < children; i++) {
                nhsNumbers.add(new ChildSubmission().nhsNumber);
            }
            List<Callable<List<Integer>>> submitters = new java.util.ArrayList<>();
            for (int a = 0; a < authorities; a++) {
                String odsCode = odsCodes.get(a);
                Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                for (int c = 0; c < children; c++) {
                    ChildSubmission child = new ChildSubmission();
                    child.odsCode = odsCode;
                    child.nhsNumber = nhsNumbers.get((c + a) % children); // the same children, in another order
                    Bundle one = child.transaction();
                    bundle.getEntry().addAll(c == 0 ? one.getEntry() : one.getEntry().subList(1, 4));
                    if (c > 0) { // every child's plan and flag name the bundle's one Organization
                        String la = bundle.getEntryFirstRep().getFullUrl();
                        ((org.hl7.fhir.r4.model.EpisodeOfCare) one.getEntry().get(2).getResource()).getManagingOrganization().setReference(la);
                        ((Flag) one.getEntry().get(3).getResource()).getAuthor().setReference(la);
                    }
                }
                submitters.add(submitter(TOKENS.token("local-authority", odsCode, null), FHIR.newJsonParser().encodeResourceToString(bundle)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(authorities);
            try {
                for (Future<List<Integer>> result : pool.invokeAll(submitters)) {
                    List<Integer> answers = result.get();
                    assertThat(answers).as(answers.toString()).endsWith(200).allMatch(s -> s == 200 || s == 409 || s == 412 || s == 503);
                }
            } finally {
                pool.shutdownNow();
            }
            for (String nhsNumber : nhsNumbers) {
                assertThat(patients(nhsNumber)).hasSize(1);
                assertThat(activeFlags(nhsNumber)).hasSize(authorities);
            }
        }
    }

    /**
     * An LA system as a careful client: it sends its bundle and, on a retryable answer (409/412/503, each with
     * Retry-After), sends it again a little later; it returns every status it got.
     */
    private Callable<List<Integer>> submitter(String token, String body) {
        return () -> {
            List<Integer> answers = new java.util.ArrayList<>();
            for (int attempt = 0; attempt < 20; attempt++) {
                HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", token, body);
                answers.add(response.statusCode());
                if (response.statusCode() == 200) {
                    break;
                }
                assertThat(response.statusCode()).as(response.body()).isIn(409, 412, 503);
                assertThat(response.headers().firstValue("Retry-After")).as(response.body()).isPresent();
                Thread.sleep(200 + (long) (Math.random() * 300));
            }
            return answers;
        };
    }

    @Test
    void anUpdateWithAStaleIfMatchIsRefused() {
        ChildSubmission child = new ChildSubmission();
        client.transaction().withBundle(child.transaction()).execute();
        client.transaction().withBundle(child.ended().transaction()).execute();
        Flag current = flagsOf(child.nhsNumber).get(0);

        assertThatThrownBy(() -> client.update().resource(current).withId(current.getIdElement().toUnqualifiedVersionless())
                        .withAdditionalHeader("If-Match", "W/\"1\"").execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class,
                        e -> assertThat(e.getStatusCode()).isIn(409, 412));
        assertThat(flagsOf(child.nhsNumber).get(0).getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void aTransactionEntryWithAStaleOrUnreadableIfMatchStoresNothing() throws Exception {
        ChildSubmission child = new ChildSubmission();
        client.transaction().withBundle(child.transaction()).execute();
        String localAuthority = TOKENS.token("local-authority", child.odsCode, null);

        for (String ifMatch : List.of("W/\"999\"", "W/\"0\"", "garbage")) {
            Bundle ended = child.ended().transaction();
            ended.getEntry().get(2).getRequest().setIfMatch(ifMatch);
            HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", localAuthority,
                    FHIR.newJsonParser().encodeResourceToString(ended));

            assertThat(response.statusCode()).as(ifMatch + ": " + response.body()).isIn(409, 412);
            assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
            assertThat(flagsOf(child.nhsNumber).get(0).getMeta().getVersionId()).isEqualTo("1");
            assertThat(flagsOf(child.nhsNumber).get(0).getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        }
        Bundle current = child.ended().transaction();
        current.getEntry().get(2).getRequest().setIfMatch("W/\"1\"");
        assertThat(HttpCalls.postFhirJson(baseUrl() + "/fhir", localAuthority,
                FHIR.newJsonParser().encodeResourceToString(current)).statusCode()).isEqualTo(200);
        assertThat(flagsOf(child.nhsNumber).get(0).getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
    }

    @Test
    void refusesADirectWriteThatBreaksItsProfile() {
        Patient withoutBirthDate = new ChildSubmission().patient().setBirthDate(null);

        assertThatThrownBy(() -> client.create().resource(withoutBirthDate).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(diagnostics(e)).anyMatch(d -> d.contains("Patient.birthDate"));
                });
        assertThat(patients(withoutBirthDate.getIdentifierFirstRep().getValue())).isEmpty();
    }

    @Test
    void refusesABundleWithMoreEntriesThanAllowed() throws Exception {
        Bundle bundle = new ChildSubmission().transaction();
        Bundle.BundleEntryComponent patient = bundle.getEntry().get(1);
        for (int i = 0; i < 2000; i++) {
            bundle.addEntry(patient.copy().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()));
        }
        Map<String, Integer> before = StoredCounts.of(client);

        HttpResponse<String> response =
                HttpCalls.postFhirJson(baseUrl() + "/fhir", TOKENS.admin(), FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
        assertThat(StoredCounts.of(client)).isEqualTo(before);
    }

    @Test
    void refusesARequestBodyLargerThanAllowed() throws Exception {
        String huge = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"id\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", TOKENS.admin(), huge);

        assertThat(response.statusCode()).isEqualTo(413);
        OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
    }

    @Test
    void refusesXmlWithADoctype() throws Exception {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE Bundle [<!ENTITY nhs SYSTEM "file:///etc/passwd">]>
                <Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/><entry><resource><Patient>
                <identifier><system value="https://fhir.nhs.uk/Id/nhs-number"/><value value="&nhs;"/></identifier>
                </Patient></resource><request><method value="POST"/><url value="Patient"/></request></entry></Bundle>
                """;
        HttpResponse<String> response = HttpCalls.send("POST", baseUrl() + "/fhir", TOKENS.admin(), "application/fhir+xml", xml);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void refusesAnUnknownResourceType() throws Exception {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"ChildRecord"},
                "request":{"method":"POST","url":"ChildRecord"}}]}""";

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", TOKENS.admin(), bundle);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
    }

    private List<Flag> flagsOf(String nhsNumber) {
        return client.search().byUrl("Flag?patient.identifier=" + Identifiers.NHS_NUMBER + "|" + nhsNumber)
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (Flag) e.getResource()).toList();
    }

    private List<Flag> activeFlags(String nhsNumber) {
        return flagsOf(nhsNumber).stream().filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE).toList();
    }

    private List<Patient> patients(String nhsNumber) {
        return client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(Identifiers.NHS_NUMBER, nhsNumber))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (Patient) e.getResource()).toList();
    }

    private int organizations(String odsCode) {
        return client.search().forResource(org.hl7.fhir.r4.model.Organization.class)
                .where(org.hl7.fhir.r4.model.Organization.IDENTIFIER.exactly().systemAndCode(Identifiers.ODS_CODE, odsCode))
                .returnBundle(Bundle.class).execute().getEntry().size();
    }

    private Provenance provenanceOf(Bundle response) {
        String location = response.getEntry().stream()
                .map(e -> e.getResponse().getLocation())
                .filter(l -> l.startsWith("Provenance/"))
                .findFirst()
                .orElseThrow();
        return client.read().resource(Provenance.class).withUrl(location).execute();
    }

    private static List<String> diagnostics(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome()).getIssue().stream()
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).toList();
    }

    private static List<String> expressions(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome()).getIssue().stream()
                .flatMap(i -> i.getExpression().stream()).map(s -> s.getValue()).toList();
    }

    /** Reads the plan type the way a clinician's system would. */
    private static final class SubmissionValuesView {
        static String planType(Flag flag) {
            return flag.getCode().getCoding().stream()
                    .filter(c -> PlanTypes.SNOMED.equals(c.getSystem())).findFirst().orElseThrow().getCode();
        }
    }
}
