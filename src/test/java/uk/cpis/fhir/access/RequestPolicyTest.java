package uk.cpis.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.util.UrlUtil;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.access.AccessPolicy.Caller;

/** The policy's decisions as a function: role, interaction, type and parameters in; allowed or why not out. */
class RequestPolicyTest {

    private static final AccessPolicy POLICY = AccessPolicy.cpis();
    private static final String NHS = "https://fhir.nhs.uk/Id/nhs-number|9434765919";

    private static Optional<String> search(Caller caller, String type, String query) {
        return RequestPolicy.refusal(POLICY.of(caller), new RequestPolicy.Request(RestOperationTypeEnum.SEARCH_TYPE, type,
                null, null, UrlUtil.parseQueryString(query), List.of()));
    }

    private static Optional<String> request(Caller caller, RestOperationTypeEnum operation, String type, String name,
            List<RequestPolicy.Entry> entries) {
        return RequestPolicy.refusal(POLICY.of(caller), new RequestPolicy.Request(operation, type, name, null,
                Map.of(), entries));
    }

    @Test
    void clinicianLooksAChildUpByExactNhsNumberWithTheDocumentedIncludes() {
        assertThat(search(Caller.CLINICIAN, "Flag", "patient.identifier=" + NHS + "&_include=Flag:author&_include=Flag:detail")).isEmpty();
        assertThat(search(Caller.CLINICIAN, "Patient", "identifier=" + NHS + "&_count=5")).isEmpty();
    }

    @Test
    void clinicianMayNotFishOrSendAnInvalidNhsNumber() {
        assertThat(search(Caller.CLINICIAN, "Patient", "birthdate=2016-04-12")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", "")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", "patient.identifier=https://fhir.nhs.uk/Id/nhs-number|1234567890")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", "patient.identifier=" + NHS + "&patient.identifier=" + NHS)).isPresent();
    }

    @Test
    void chainsHasAndIterateAreRefusedUnlessListed() {
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "patient._has:Flag:patient:author=Organization/1&_summary=count")).isPresent();
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_has:EpisodeOfCare:patient:status=active")).isPresent();
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_include=Flag:subject&_include:iterate=Patient:link")).isPresent();
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_include:recurse=*")).isPresent();
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_revinclude=Provenance:target")).isPresent();
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_filter=status eq active")).isPresent();
        assertThat(search(Caller.AUDITOR, "AuditEvent", "patient.birthdate=2019-01-01")).isPresent();
        assertThat(search(Caller.AUDITOR, "Communication", "subject:Patient.gender=male")).isPresent();
        assertThat(search(Caller.AUDITOR, "Provenance", "patient.name=x")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", "patient.identifier=" + NHS + "&_include=*")).isPresent();
    }

    @Test
    void aClinicianMayIterateOnlyToThePlansSocialWorkerPostAndTeam() {
        String lookup = "patient.identifier=" + NHS + "&_include=Flag:detail";
        assertThat(search(Caller.CLINICIAN, "Flag", lookup + "&_include:iterate=EpisodeOfCare:care-manager"
                + "&_include:iterate=EpisodeOfCare:care-manager-role&_include:iterate=EpisodeOfCare:team")).isEmpty();
        assertThat(search(Caller.CLINICIAN, "Flag", lookup + "&_include:iterate=EpisodeOfCare:patient")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", lookup + "&_include:iterate=EpisodeOfCare:organization")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", lookup + "&_include:iterate=Patient:link")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", lookup + "&_include:iterate=*")).isPresent();
        assertThat(search(Caller.CLINICIAN, "Flag", lookup + "&_include:recurse=EpisodeOfCare:team")).isPresent();
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_include=Flag:detail&_include:iterate=EpisodeOfCare:team")).isPresent();
    }

    @Test
    void listedParametersAndIncludesPass() {
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_include=Flag:subject&identifier=x&_sort=-_id&_count=1")).isEmpty();
        assertThat(search(Caller.AUDITOR, "AuditEvent", "entity-identifier=" + NHS + "&_sort=-date")).isEmpty();
        assertThat(search(Caller.AUDITOR, "AuditEvent", "patient=Patient/1")).isEmpty();
        assertThat(search(Caller.LOCAL_AUTHORITY, "Flag", "_sort=patient.birthdate")).isPresent();
    }

    @Test
    void onlyAdminReadsHistoryOrSearchesEveryType() {
        for (Caller caller : List.of(Caller.CLINICIAN, Caller.LOCAL_AUTHORITY, Caller.AUDITOR, Caller.ANONYMOUS)) {
            assertThat(request(caller, RestOperationTypeEnum.HISTORY_SYSTEM, null, null, List.of())).as(caller.name()).isPresent();
            assertThat(request(caller, RestOperationTypeEnum.VREAD, "Flag", null, List.of())).as(caller.name()).isPresent();
        }
        assertThat(request(Caller.ADMIN, RestOperationTypeEnum.HISTORY_SYSTEM, null, null, List.of())).isEmpty();
        assertThat(search(Caller.ADMIN, "Patient", "birthdate=2016-04-12&_has:Flag:patient:status=active")).isEmpty();
    }

    @Test
    void nobodyExpungesAdminIncluded() {
        for (Caller caller : Caller.values()) {
            assertThat(request(caller, RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, "$expunge", List.of()))
                    .as(caller.name()).isPresent();
        }
    }

    @Test
    void localAuthorityWritesOnlyInASubmissionAndItsBundlesCarryNoReads() {
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.CREATE, "Patient", null, List.of())).isPresent();
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.UPDATE, "Flag", null, List.of())).isPresent();
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.CREATE, "Subscription", null, List.of())).isEmpty();
        List<RequestPolicy.Entry> submission = List.of(new RequestPolicy.Entry("POST", "Organization"),
                new RequestPolicy.Entry("POST", "Patient"), new RequestPolicy.Entry("PUT", "EpisodeOfCare?identifier=a|b"),
                new RequestPolicy.Entry("PUT", "Flag?identifier=a|b"));
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.TRANSACTION, null, null, submission)).isEmpty();
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.TRANSACTION, null, null,
                List.of(new RequestPolicy.Entry("PUT", "Patient/1")))).isPresent();
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.TRANSACTION, null, null,
                List.of(new RequestPolicy.Entry("DELETE", "Flag/1")))).isPresent();
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.TRANSACTION, null, null,
                List.of(new RequestPolicy.Entry("GET", "Flag?status=active")))).isPresent();
    }

    @Test
    void clinicianBundlesCarryOnlyReadsEachAllowedAlone() {
        assertThat(request(Caller.CLINICIAN, RestOperationTypeEnum.TRANSACTION, null, null,
                List.of(new RequestPolicy.Entry("GET", "Flag?patient.identifier=" + NHS), new RequestPolicy.Entry("GET", "Flag/12")))).isEmpty();
        assertThat(request(Caller.CLINICIAN, RestOperationTypeEnum.TRANSACTION, null, null,
                List.of(new RequestPolicy.Entry("GET", "Flag?patient.identifier=" + NHS), new RequestPolicy.Entry("GET", "Patient?name=x")))).isPresent();
        assertThat(request(Caller.CLINICIAN, RestOperationTypeEnum.TRANSACTION, null, null,
                List.of(new RequestPolicy.Entry("GET", "Flag/12/_history/1")))).isPresent();
        assertThat(request(Caller.CLINICIAN, RestOperationTypeEnum.TRANSACTION, null, null,
                List.of(new RequestPolicy.Entry("POST", "Flag")))).isPresent();
    }

    @Test
    void anyoneReadsTheConformanceResourcesAndNothingElse() {
        assertThat(search(Caller.ANONYMOUS, "StructureDefinition", "url=https://fhir.cpis.uk/StructureDefinition/cpis-flag")).isEmpty();
        assertThat(search(Caller.ANONYMOUS, "Flag", "")).isPresent();
        assertThat(search(Caller.ANONYMOUS, "StructureDefinition", "_has:Flag:x:y=z")).isPresent();
    }

    @Test
    void pagesAcceptOnlyPagingParameters() {
        assertThat(RequestPolicy.refusal(POLICY.of(Caller.AUDITOR), new RequestPolicy.Request(RestOperationTypeEnum.GET_PAGE,
                null, null, null, UrlUtil.parseQueryString("_getpages=abc&_getpagesoffset=20&_count=10"), List.of()))).isEmpty();
        assertThat(RequestPolicy.refusal(POLICY.of(Caller.AUDITOR), new RequestPolicy.Request(RestOperationTypeEnum.GET_PAGE,
                null, null, null, UrlUtil.parseQueryString("_getpages=abc&_include=*"), List.of()))).isPresent();
    }

    @Test
    void validateTakesTheResourceInTheBodyNeverAStoredRecord() {
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "Patient", "$validate", List.of())).isEmpty();
        assertThat(request(Caller.LOCAL_AUTHORITY, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Patient", "$validate", List.of())).isPresent();
        assertThat(request(Caller.CLINICIAN, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "Flag", "$everything", List.of())).isPresent();
    }

    @Test
    void accessHistoryNeedsAnExactNhsNumber() {
        RequestPolicy.Request valid = new RequestPolicy.Request(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "Patient",
                "$cpis-access-history", null, UrlUtil.parseQueryString("identifier=" + NHS), List.of());
        RequestPolicy.Request none = new RequestPolicy.Request(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "Patient",
                "$cpis-access-history", null, Map.of(), List.of());
        assertThat(RequestPolicy.refusal(POLICY.of(Caller.CLINICIAN), valid)).isEmpty();
        assertThat(RequestPolicy.refusal(POLICY.of(Caller.CLINICIAN), none)).isPresent();
        assertThat(RequestPolicy.refusal(POLICY.of(Caller.LOCAL_AUTHORITY), valid)).isPresent();
    }
}
