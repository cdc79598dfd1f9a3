package uk.cpis.fhir.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Extensions;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.SubmissionRules;

/**
 * Every record that names its LA (a Flag's author, a plan's managing organisation, a social worker's staff
 * identifier's assigner, a post's organisation, a team's managing organisation: {@link AuthorityReferences}) names
 * the one LA that submits the bundle: its Organization entry, by {@code urn:uuid:} or by a conditional reference on
 * its ODS code. A bundle without an Organization entry (an LA already registered, or a file submission) names it by
 * conditional reference only, one ODS code throughout.
 *
 * <p>A plan's social worker, post and team are the LA's own staff too: an entry of the bundle, or a conditional
 * reference on the LA's staff or team identifier (narrowed to the LA like every LA-keyed URL); never a literal id,
 * which could name another LA's worker and address the notifications to them.
 */
final class SubmittingAuthorityRule implements SubmissionRule {

    private static final String CONDITIONAL = "Organization?identifier=" + Identifiers.ODS_CODE + "|";

    @Override
    public String code() {
        return SubmissionRules.SUBMITTING_AUTHORITY;
    }

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        List<SubmissionBundle.Typed<Organization>> authorities = submission.entriesOf(Organization.class);
        if (authorities.size() > 1) {
            issues.add(SubmissionIssue.rule("Bundle.entry", "A submission carries at most one Organization, the"
                    + " submitting local authority; found " + authorities.size()));
            return issues;
        }
        Optional<SubmissionBundle.Typed<Organization>> authority = authorities.stream().findFirst();
        Optional<String> odsCode = authority.flatMap(a -> SubmissionValues.identifier(a.resource().getIdentifier(), Identifiers.ODS_CODE));
        for (SubmissionBundle.Entry entry : submission.entries()) {
            if (entry.resource() == null) {
                continue;
            }
            for (AuthorityReferences.Named named : AuthorityReferences.of(entry.resource())) {
                if (authority.isEmpty() && odsCode.isEmpty()) {
                    // No Organization entry: the first conditional reference says which LA the bundle is for.
                    odsCode = SubmissionValues.conditional(named.reference(), "Organization", Identifiers.ODS_CODE);
                }
                check(submission, entry, named, authority, odsCode, issues);
            }
            if (entry.resource() instanceof EpisodeOfCare plan) {
                checkStaff(submission, entry, plan, issues);
            }
        }
        return issues;
    }

    private static void checkStaff(SubmissionBundle submission, SubmissionBundle.Entry entry, EpisodeOfCare plan,
            List<SubmissionIssue> issues) {
        staff(submission, entry, "careManager", plan.getCareManager(), "Practitioner", Identifiers.LOCAL_AUTHORITY_STAFF, issues);
        Extension post = plan.getExtensionByUrl(Extensions.CARE_MANAGER_ROLE);
        if (post != null && post.getValue() instanceof Reference reference) {
            int index = plan.getExtension().indexOf(post);
            staff(submission, entry, "extension[" + index + "].value", reference, "PractitionerRole",
                    Identifiers.LOCAL_AUTHORITY_STAFF, issues);
        }
        for (int i = 0; i < plan.getTeam().size(); i++) {
            staff(submission, entry, "team[" + i + "]", plan.getTeam().get(i), "CareTeam", Identifiers.LOCAL_AUTHORITY_TEAM, issues);
        }
    }

    private static void staff(SubmissionBundle submission, SubmissionBundle.Entry entry, String path, Reference reference,
            String type, String system, List<SubmissionIssue> issues) {
        if (!reference.hasReference()) {
            return; // a display alone names no record
        }
        boolean entryOfBundle = submission.resolve(reference).map(e -> e.resource() != null && type.equals(e.resource().fhirType()))
                .orElse(false);
        boolean conditional = reference.getReference().startsWith(type + "?identifier=" + system + "|");
        if (!entryOfBundle && !conditional) {
            issues.add(SubmissionIssue.rule(submission.location(entry, path), "EpisodeOfCare." + path + " must name the"
                    + " submitting LA's own " + type + ": an entry of this bundle, or " + type + "?identifier=" + system
                    + "|<its identifier>; not " + reference.getReference()));
        }
    }

    private static void check(
            SubmissionBundle submission,
            SubmissionBundle.Entry entry,
            AuthorityReferences.Named named,
            Optional<SubmissionBundle.Typed<Organization>> authority,
            Optional<String> odsCode,
            List<SubmissionIssue> issues) {
        Reference reference = named.reference();
        String what = entry.resource().fhirType() + "." + named.path();
        if (!reference.hasReference()) {
            issues.add(SubmissionIssue.rule(submission.location(entry, named.path()), what
                    + " must refer to the submitting local authority's Organization (a logical identifier is not enough)"));
            return;
        }
        boolean sameEntry = authority.isPresent() && submission.resolve(reference)
                .map(target -> target.index() == authority.get().entry().index())
                .orElse(false);
        boolean sameOdsCode = odsCode.isPresent() && reference.getReference().equals(CONDITIONAL + odsCode.get());
        if (!sameEntry && !sameOdsCode) {
            issues.add(SubmissionIssue.rule(submission.location(entry, named.path()),
                    what + " must be the submitting local authority (" + (authority.isPresent() ? "the bundle's Organization" : "one ODS code throughout")
                            + odsCode.map(c -> ", ODS code " + c).orElse("") + "), not " + reference.getReference()));
        }
    }
}
