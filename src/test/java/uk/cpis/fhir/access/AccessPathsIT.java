package uk.cpis.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;

/**
 * The access policy holds on every path, not only the front door: each finding of the outside attack suite, tried
 * over HTTP with real tokens, must be impossible. Writes are checked to have left the other LA's records as they
 * were (version and content).
 */
class AccessPathsIT extends SharedFhirServer {

    private static final String NHS = "https://fhir.nhs.uk/Id/nhs-number|";

    /** A child of another LA, stored by that LA's own submission. */
    private record Stored(ChildSubmission child, String organisation, String patient, String plan, String flag) {}

    private Stored storedByItsAuthority(ChildSubmission child) throws Exception {
        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", laToken(child.odsCode),
                FHIR.newJsonParser().encodeResourceToString(child.transaction()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = (Bundle) FHIR.newJsonParser().parseResource(response.body());
        String patient = clientWithToken(TOKENS.admin()).search()
                .byUrl("Patient?identifier=" + NHS + child.nhsNumber).returnBundle(Bundle.class).execute()
                .getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless().getValue();
        return new Stored(child, location(answer, 0), patient, location(answer, 2), location(answer, 3));
    }

    private static String location(Bundle answer, int entry) {
        return new IdType(answer.getEntry().get(entry).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
    }

    private static String laToken(String odsCode) {
        return TOKENS.token("local-authority", odsCode, null);
    }

    private <T extends Resource> T asAdmin(Class<T> type, String id) {
        return clientWithToken(TOKENS.admin()).read().resource(type).withUrl(id).execute();
    }

    private static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("fhir+json");
        OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(response.body()).doesNotContain("\"total\"");
    }

    private void assertUnchanged(Stored other) {
        Flag flag = asAdmin(Flag.class, other.flag());
        EpisodeOfCare plan = asAdmin(EpisodeOfCare.class, other.plan());
        assertThat(flag.getMeta().getVersionId()).isEqualTo("1");
        assertThat(plan.getMeta().getVersionId()).isEqualTo("1");
        assertThat(flag.getAuthor().getReference()).isEqualTo(other.organisation());
        assertThat(plan.getManagingOrganization().getReference()).isEqualTo(other.organisation());
    }

    @Test
    void aBatchCannotTakeOverAnotherAuthoritysPlanAndFlag() throws Exception {
        Stored other = storedByItsAuthority(new ChildSubmission());
        ChildSubmission attacker = new ChildSubmission();
        attacker.nhsNumber = other.child().nhsNumber;
        attacker.planId = other.child().planId; // the other LA's plan identifier, as the attack suite sent it

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", laToken(attacker.odsCode),
                FHIR.newJsonParser().encodeResourceToString(attacker.batch()));

        // Its conditional updates match only its own plans: it stores a plan and flag of its own, never touches the other's.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = (Bundle) FHIR.newJsonParser().parseResource(response.body());
        assertThat(answer.getEntry()).as(response.body()).allMatch(e -> e.getResponse().getStatus().startsWith("20"));
        assertUnchanged(other);
        Bundle flags = clientWithToken(TOKENS.admin()).search()
                .byUrl("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + other.child().planId)
                .returnBundle(Bundle.class).execute();
        assertThat(flags.getEntry()).extracting(e -> ((Flag) e.getResource()).getAuthor().getReference())
                .contains(other.organisation()).hasSize(2);
    }

    @Test
    void aBatchEntryWritingForAnotherAuthorityFailsAloneAndStoresNothing() throws Exception {
        Stored other = storedByItsAuthority(new ChildSubmission());
        ChildSubmission attacker = new ChildSubmission();
        Bundle batch = attacker.batch();
        Flag foreign = new ChildSubmission().flag("Patient?identifier=" + NHS + attacker.nhsNumber, other.organisation(),
                "EpisodeOfCare?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + attacker.planId);
        batch.addEntry().setFullUrl(urn()).setResource(foreign).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + foreign.getIdentifierFirstRep().getValue());

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", laToken(attacker.odsCode),
                FHIR.newJsonParser().encodeResourceToString(batch));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = (Bundle) FHIR.newJsonParser().parseResource(response.body());
        assertThat(answer.getEntry()).hasSize(5);
        assertThat(answer.getEntry().subList(0, 4)).as(response.body()).allMatch(e -> e.getResponse().getStatus().startsWith("20"));
        assertThat(answer.getEntry().get(4).getResponse().getStatus()).matches("4(03|22).*");
        assertThat(clientWithToken(TOKENS.admin()).search().byUrl("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN
                + "|" + foreign.getIdentifierFirstRep().getValue()).returnBundle(Bundle.class).execute().getEntry()).isEmpty();
        assertUnchanged(other);
    }

    @Test
    void aBatchOfAnotherAuthoritysOrganisationStoresNothingOfThatAuthority() throws Exception {
        Stored other = storedByItsAuthority(new ChildSubmission());
        ChildSubmission impersonation = new ChildSubmission();
        impersonation.odsCode = other.child().odsCode;

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", laToken(new ChildSubmission().odsCode),
                FHIR.newJsonParser().encodeResourceToString(impersonation.batch()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = (Bundle) FHIR.newJsonParser().parseResource(response.body());
        for (int entry : List.of(0, 2, 3)) {
            assertThat(answer.getEntry().get(entry).getResponse().getStatus()).as(response.body()).startsWith("403");
        }
        assertThat(clientWithToken(TOKENS.admin()).search().byUrl("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN
                + "|" + impersonation.planId).returnBundle(Bundle.class).execute().getEntry()).isEmpty();
        assertUnchanged(other);
    }

    @Test
    void aBatchIsHeldToTheSameRulesAsATransaction() throws Exception {
        ChildSubmission child = new ChildSubmission();
        storedByItsAuthority(child);
        ChildSubmission secondActive = new ChildSubmission();
        secondActive.odsCode = child.odsCode;
        secondActive.nhsNumber = child.nhsNumber; // a second active plan of the same type for the same child

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", laToken(child.odsCode),
                FHIR.newJsonParser().encodeResourceToString(secondActive.batch()));

        Bundle answer = (Bundle) FHIR.newJsonParser().parseResource(response.body());
        assertThat(answer.getEntry().get(2).getResponse().getStatus()).startsWith("422");
        assertThat(clientWithToken(TOKENS.admin()).search().byUrl("EpisodeOfCare?identifier="
                + Identifiers.LOCAL_AUTHORITY_PLAN + "|" + secondActive.planId).returnBundle(Bundle.class).execute().getEntry())
                .isEmpty();
    }

    @Test
    void includesNeverReachAnotherAuthoritysChild() throws Exception {
        Stored other = storedByItsAuthority(new ChildSubmission());
        Stored own = storedByItsAuthority(new ChildSubmission());
        String token = laToken(own.child().odsCode);

        for (String query : List.of("Flag?_include=Flag:subject&_include:iterate=Patient:link",
                "Flag?_include:recurse=Flag:subject", "EpisodeOfCare?_include=EpisodeOfCare:patient&_include:iterate=Patient:link",
                "Flag?_include:recurse=*", "Flag?_revinclude:recurse=*", "Flag?_revinclude=Flag:subject")) {
            assertForbidden(HttpCalls.get(baseUrl() + "/fhir/" + query, token));
        }
        HttpResponse<String> allowed = HttpCalls.get(baseUrl() + "/fhir/Flag?_include=Flag:subject&_count=100", token);
        Bundle found = (Bundle) FHIR.newJsonParser().parseResource(allowed.body());
        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .contains(own.patient(), own.flag()).doesNotContain(other.patient(), other.flag());
        assertForbidden(HttpCalls.get(baseUrl() + "/fhir/" + other.patient(), token));
    }

    @Test
    void aPageIsServedOnlyToTheCallerWhoRanTheSearch() throws Exception {
        storedByItsAuthority(new ChildSubmission());
        storedByItsAuthority(new ChildSubmission());
        String admin = TOKENS.admin();
        HttpResponse<String> first = HttpCalls.get(baseUrl() + "/fhir/Flag?_count=1", admin);
        Bundle page = (Bundle) FHIR.newJsonParser().parseResource(first.body());
        String next = page.getLink("next").getUrl();

        assertForbidden(HttpCalls.get(next, laToken(new ChildSubmission().odsCode)));
        assertForbidden(HttpCalls.get(next, TOKENS.token("auditor", "X26", null)));
        assertForbidden(HttpCalls.get(next, TOKENS.token("admin", "X26", null, Map.of("sub", "another-admin"))));
        assertThat(HttpCalls.get(next, admin).statusCode()).isEqualTo(200);
    }

    @Test
    void theFoundChildProofIsThisClinicianNotAnOrganisationOfTheSameCode() throws Exception {
        Stored child = storedByItsAuthority(new ChildSubmission());
        // The LA looks its own child up by NHS number; a clinician whose sub is that LA's ODS code may not ride on it.
        HttpCalls.get(baseUrl() + "/fhir/Flag?patient.identifier=" + NHS.replace("|", "%7C") + child.child().nhsNumber,
                laToken(child.child().odsCode));
        String impostor = TOKENS.token("clinician", "RXX01", "B0107", Map.of("sub", child.child().odsCode));
        assertForbidden(HttpCalls.get(baseUrl() + "/fhir/" + child.flag(), impostor));

        // Another role's user of the same sub searched (an auditor): not a clinician's find either.
        String sub = "shared-" + UUID.randomUUID();
        HttpCalls.get(baseUrl() + "/fhir/AuditEvent?entity-identifier=" + NHS.replace("|", "%7C") + child.child().nhsNumber,
                TOKENS.token("auditor", "X26", null, Map.of("sub", sub)));
        String clinician = TOKENS.token("clinician", "RXX01", "B0107", Map.of("sub", sub));
        assertForbidden(HttpCalls.get(baseUrl() + "/fhir/" + child.flag(), clinician));

        // Once this clinician has found the child, it may.
        HttpCalls.get(baseUrl() + "/fhir/Flag?patient.identifier=" + NHS.replace("|", "%7C") + child.child().nhsNumber, clinician);
        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + child.flag(), clinician).statusCode()).isEqualTo(200);
    }

    @Test
    void chainsAndHasAreRefusedSoNothingCanBeInferred() throws Exception {
        Stored other = storedByItsAuthority(new ChildSubmission());
        String la = laToken(new ChildSubmission().odsCode);
        String auditor = TOKENS.token("auditor", "X26", null);
        Map<String, String> attempts = Map.of(
                "Flag?patient._has:Flag:patient:author=" + other.organisation() + "&_summary=count", la,
                "Flag?_has:EpisodeOfCare:patient:organization=" + other.organisation(), la,
                "Flag?patient._has:Flag:patient:_has:Flag:patient:status=active", la,
                "AuditEvent?patient.birthdate=2016-04-12", auditor,
                "Communication?subject:Patient.gender=male", auditor,
                "Provenance?patient.name=x", auditor,
                "AuditEvent?_filter=" + java.net.URLEncoder.encode("patient eq x", java.nio.charset.StandardCharsets.UTF_8), auditor,
                "Flag?_contained=true", la);
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            assertForbidden(HttpCalls.get(baseUrl() + "/fhir/" + attempt.getKey(), attempt.getValue()));
        }
    }

    @Test
    void aTokenMustExpireWithinTheMaximumLifetimeAndNotBeIssuedInTheFuture() throws Exception {
        String tooLong = TOKENS.token("admin", "X26", null, Map.of("minutes", "120"));
        String fromTheFuture = TOKENS.token("admin", "X26", null, Map.of("issued-minutes-ago", "-30"));
        String withoutExpiry = unexpiringAdminToken();

        for (String token : List.of(tooLong, fromTheFuture, withoutExpiry)) {
            HttpResponse<String> response = HttpCalls.get(baseUrl() + "/fhir/Flag", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
        }
        assertThat(HttpCalls.get(baseUrl() + "/fhir/Flag", TOKENS.token("admin", "X26", null, Map.of("minutes", "60")))
                .statusCode()).isEqualTo(200);
    }

    private static String unexpiringAdminToken() throws Exception {
        com.nimbusds.jose.jwk.ECKey key = DevelopmentSigningKey.loadOrCreate(TOKENS.dataDirectory());
        com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer("https://cpis.local/development").audience("cpis-fhir-server").subject("forever")
                .issueTime(Date.from(Instant.now())).claim(CallerClaims.ROLE, "admin").claim(CallerClaims.ORGANISATION, "X26")
                .build();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void anAuthorityIsToldNothingOfWhetherAnotherAlreadyHoldsTheChild() throws Exception {
        Stored known = storedByItsAuthority(new ChildSubmission());
        ChildSubmission sameChild = new ChildSubmission();
        sameChild.nhsNumber = known.child().nhsNumber;
        ChildSubmission newChild = new ChildSubmission();
        newChild.odsCode = sameChild.odsCode;

        Bundle.BundleEntryResponseComponent knownAnswer = patientEntry(sameChild);
        Bundle.BundleEntryResponseComponent newAnswer = patientEntry(newChild);

        for (Bundle.BundleEntryResponseComponent answer : List.of(knownAnswer, newAnswer)) {
            assertThat(answer.getStatus()).isEqualTo("200 OK");
            assertThat(answer.hasLocation() || answer.hasEtag() || answer.hasLastModified() || answer.hasOutcome()).isFalse();
        }
    }

    private Bundle.BundleEntryResponseComponent patientEntry(ChildSubmission child) throws Exception {
        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir", laToken(child.odsCode),
                FHIR.newJsonParser().encodeResourceToString(child.transaction()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle.BundleEntryComponent entry = ((Bundle) FHIR.newJsonParser().parseResource(response.body())).getEntry().get(1);
        assertThat(entry.hasResource()).isFalse();
        return entry.getResponse();
    }

    @Test
    void aSubmissionAskingForRepresentationGetsItsOwnRecords() throws Exception {
        ChildSubmission child = new ChildSubmission();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/fhir"))
                .header("Authorization", "Bearer " + laToken(child.odsCode))
                .header("Content-Type", "application/fhir+json").header("Prefer", "return=representation")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(child.transaction())))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle answer = (Bundle) FHIR.newJsonParser().parseResource(response.body());
        assertThat(answer.getEntry().get(2).getResource()).isInstanceOf(EpisodeOfCare.class);
        assertThat(answer.getEntry().get(3).getResource()).isInstanceOf(Flag.class);
        assertThat(answer.getEntry()).noneMatch(e -> e.getResource() instanceof Patient);
    }

    @Test
    void refusalsOutsideHapiAreOperationOutcomesToo() throws Exception {
        String admin = TOKENS.admin();
        Map<String, Integer> paths = Map.of(
                "/fhir/Flag%2F1", 400,
                "/fhir/Flag/..%2F..%2Fmetadata", 400,
                "/fhir/Flag;jsessionid=1", 400,
                "/fhir/Patient/1/Flag", 400);
        for (Map.Entry<String, Integer> path : paths.entrySet()) {
            assertOperationOutcome(HttpCalls.send("GET", baseUrl() + path.getKey(), admin, null, null), path.getValue());
        }
        assertOperationOutcome(HttpCalls.send("TRACE", baseUrl() + "/fhir/metadata", admin, null, null), 405);
        assertOperationOutcome(HttpCalls.send("PATCH", baseUrl() + "/fhir/metadata", admin, null, null), 405);
        assertOperationOutcome(HttpCalls.get(baseUrl() + "/fhir?name=x", laToken("LAX01")), 400);
        assertOperationOutcome(HttpCalls.get(baseUrl() + "/fhir/Flag", null), 401);
    }

    private static void assertOperationOutcome(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/fhir+json");
        OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }
}
