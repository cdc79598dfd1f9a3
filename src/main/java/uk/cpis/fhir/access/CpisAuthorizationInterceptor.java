package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Optional;
import uk.cpis.fhir.contract.CpisContract.Operations;

/**
 * Guards every FHIR request and every resource in every response: builds, per request, the rules the caller's
 * role allows, and denies everything else. The table of what each role may do is {@link #rulesFor}.
 */
@Interceptor
public final class CpisAuthorizationInterceptor extends AuthorizationInterceptor {

    /** Published conformance resources: readable by anyone. */
    static final List<String> CONFORMANCE_TYPES = List.of("StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter");

    private final LocalAuthorityOwnership ownership;
    private final ClinicianFoundPatients foundPatients;

    public CpisAuthorizationInterceptor(LocalAuthorityOwnership ownership, ClinicianFoundPatients foundPatients) {
        super(PolicyEnum.DENY);
        this.ownership = ownership;
        this.foundPatients = foundPatients;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        return rulesFor(CurrentCaller.of(request));
    }

    /** Denied: 403 with code {@code forbidden}, saying nothing of the data. */
    @Override
    protected void handleDeny(RequestDetails request, Verdict decision) {
        throw Forbidden.because("Access denied: the caller's role does not allow this");
    }

    List<IAuthRule> rulesFor(Optional<CallerClaims> caller) {
        RuleBuilder rules = new RuleBuilder();
        rules.allow("capability statement").metadata();
        for (String type : CONFORMANCE_TYPES) {
            rules.allow("read " + type).read().resourcesOfType(type).withAnyId();
        }
        // Records are removed physically only by the server's retention, which records each removal; no client,
        // admin included, expunges (HAPI's $expunge is also disabled in storage settings).
        rules.deny("no client expunge").operation().named("$expunge").atAnyLevel().andAllowAllResponses();
        if (caller.isPresent()) {
            rules.allow("$validate").operation().named("$validate").onAnyType().andAllowAllResponses();
            switch (caller.get().role()) {
                case ADMIN -> rules.allowAll("admin");
                case AUDITOR -> {
                    readAll(rules, "AuditEvent", "Communication", "Provenance");
                    accessHistory(rules);
                }
                case CLINICIAN -> clinician(rules);
                case LOCAL_AUTHORITY -> localAuthority(rules, caller.get().organisation());
            }
        }
        rules.denyAll("deny by default");
        return rules.build();
    }

    private static void readAll(RuleBuilder rules, String... types) {
        for (String type : types) {
            rules.allow("read " + type).read().resourcesOfType(type).withAnyId();
        }
    }

    /** A child's recent unscheduled-care accesses (its answer is a Parameters, audited like a read). */
    private static void accessHistory(RuleBuilder rules) {
        rules.allow("access history").operation().named(Operations.ACCESS_HISTORY).onType(org.hl7.fhir.r4.model.Patient.class)
                .andAllowAllResponses();
    }

    /** Which searches a clinician may make is ClinicianLookupGuard's check; which records come back is this. */
    private void clinician(RuleBuilder rules) {
        IAuthRuleTester found = foundPatients.tester();
        for (String type : List.of("Flag", "EpisodeOfCare", "Patient")) {
            rules.allow("read " + type + " of a child found").read().resourcesOfType(type).withAnyId().withTester(found);
        }
        // The LA's contacts and the social worker: not a child's data.
        readAll(rules, "Organization", "Practitioner");
        rules.allow("reads in a bundle").transaction().withAnyOperation().andApplyNormalRules();
        // A bundle's answer nests one search result Bundle per GET entry; an empty one holds nothing to check
        // (each resource inside any of them is checked on its own). The lookup guard refuses stored Bundles.
        readAll(rules, "Bundle");
        accessHistory(rules);
    }

    private void localAuthority(RuleBuilder rules, String odsCode) {
        IAuthRuleTester own = ownership.testerFor(odsCode);
        for (String type : List.of("Flag", "EpisodeOfCare", "Communication")) {
            rules.allow("read own " + type).read().resourcesOfType(type).withAnyId().withTester(own);
        }
        // Reached only through the LA's own flags (the query guard refuses direct reads).
        readAll(rules, "Patient", "Organization", "Practitioner");
        rules.allow("read own Subscription").read().resourcesOfType("Subscription").withAnyId().withTester(own);
        // Which subscriptions an LA may write is LocalAuthoritySubscriptionGuard's check, at storage.
        rules.allow("subscribe").write().resourcesOfType("Subscription").withAnyId();
        rules.allow("unsubscribe").delete().resourcesOfType("Subscription").withAnyId();
        rules.allow("submit").transaction().withAnyOperation().andApplyNormalRules();
        for (String type : List.of("Patient", "Organization", "EpisodeOfCare", "Flag", "Provenance")) {
            rules.allow("write " + type).write().resourcesOfType(type).withAnyId();
        }
    }
}
