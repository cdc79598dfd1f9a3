package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifierFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Optional;
import uk.cpis.fhir.access.AccessPolicy.Grant;
import uk.cpis.fhir.access.AccessPolicy.Interaction;
import uk.cpis.fhir.access.AccessPolicy.OperationGrant;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards every record read or written, whatever the path (plain request, transaction or batch entry, page,
 * include, operation): builds, per request, HAPI authorisation rules from the caller's grants in the
 * {@link AccessPolicy}, each with the tester that says which records it covers, and denies everything else.
 * Reads are checked as each record leaves; writes as each record is stored, in its old and new version.
 */
@Interceptor(order = HookOrder.AUTHORISATION)
public final class CpisAuthorizationInterceptor extends AuthorizationInterceptor implements RestServerInterceptor {

    private final AccessPolicy policy;
    private final LocalAuthorityOwnership ownership;
    private final ClinicianFoundPatients foundPatients;

    public CpisAuthorizationInterceptor(AccessPolicy policy, LocalAuthorityOwnership ownership,
            ClinicianFoundPatients foundPatients) {
        super(PolicyEnum.DENY);
        this.policy = policy;
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
        AccessPolicy.CallerPolicy granted = policy.of(AccessPolicy.Caller.of(caller));
        RuleBuilder rules = new RuleBuilder();
        rules.allow("capability statement").metadata();
        for (String never : AccessPolicy.NEVER) {
            rules.deny("nobody " + never).operation().named(never).atAnyLevel().andAllowAllResponses();
        }
        if (granted.everything()) {
            rules.allowAll("admin");
            return rules.build();
        }
        String odsCode = caller.map(CallerClaims::organisation).orElse(null);
        for (Grant grant : granted.grants().values()) {
            IAuthRuleTester tester = testerFor(grant.records(), odsCode);
            String name = grant.type() + " (" + grant.records() + ")";
            if (grant.allows(Interaction.READ) || grant.allows(Interaction.SEARCH)) {
                withTester(rules.allow("read " + name).read().resourcesOfType(grant.type()).withAnyId(), tester);
            }
            if (grant.allows(Interaction.CREATE) && grant.allows(Interaction.UPDATE)) {
                withTester(rules.allow("write " + name).write().resourcesOfType(grant.type()).withAnyId(), tester);
            } else if (grant.allows(Interaction.CREATE)) {
                withTester(rules.allow("create " + name).create().resourcesOfType(grant.type()).withAnyId(), tester);
            }
            if (grant.allows(Interaction.DELETE)) {
                withTester(rules.allow("delete " + name).delete().resourcesOfType(grant.type()).withAnyId(), tester);
            }
        }
        for (OperationGrant operation : granted.operations()) {
            var named = rules.allow(operation.name()).operation().named(operation.name());
            if (operation.type() == null) {
                named.onServer().andAllowAllResponses();
            } else if (operation.type().equals("*")) {
                named.onAnyType().andAllowAllResponses();
            } else {
                named.onType(ca.uhn.fhir.context.FhirContext.forR4Cached().getResourceDefinition(operation.type()).getImplementingClass())
                        .andAllowAllResponses();
            }
        }
        if (granted.bundles() != AccessPolicy.Bundles.NONE) {
            rules.allow("bundles").transaction().withAnyOperation().andApplyNormalRules();
        }
        if (granted.bundles() == AccessPolicy.Bundles.READS_ONLY) {
            // A bundle of reads answers with one search result Bundle per GET entry; each resource inside is
            // checked on its own.
            rules.allow("read result bundles").read().resourcesOfType("Bundle").withAnyId();
        }
        rules.denyAll("deny by default");
        return rules.build();
    }

    private IAuthRuleTester testerFor(AccessPolicy.Records records, String odsCode) {
        return switch (records) {
            case ANY -> null;
            case OWN, OWN_ODS_CODE -> ownership.testerFor(odsCode);
            case OF_OWN_PLANS -> ownership.childrenOf(odsCode);
            case FOUND_CHILD -> foundPatients.tester();
        };
    }

    private static void withTester(IAuthRuleBuilderRuleOpClassifierFinished rule, IAuthRuleTester tester) {
        if (tester != null) {
            rule.withTester(tester);
        }
    }
}
