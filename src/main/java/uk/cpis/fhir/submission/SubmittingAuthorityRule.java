package uk.cpis.fhir.submission;

import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Every Flag (author) and EpisodeOfCare (managing organisation) names the local authority that submits the
 * bundle: the one Organization in it, by its {@code urn:uuid:} or by a conditional reference on its ODS code.
 */
final class SubmittingAuthorityRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.SUBMITTING_AUTHORITY;
    }

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        List<SubmissionBundle.Typed<Flag>> flags = submission.entriesOf(Flag.class);
        List<SubmissionBundle.Typed<EpisodeOfCare>> plans = submission.entriesOf(EpisodeOfCare.class);
        if (flags.isEmpty() && plans.isEmpty()) {
            return issues; // nothing names an authority (SomethingToFlagRule refuses such a bundle)
        }
        List<SubmissionBundle.Typed<Organization>> authorities = submission.entriesOf(Organization.class);
        if (authorities.size() != 1) {
            issues.add(SubmissionIssue.rule("Bundle.entry", "A submission carries exactly one Organization, the"
                    + " submitting local authority; found " + authorities.size()));
            return issues;
        }
        SubmissionBundle.Typed<Organization> authority = authorities.get(0);
        Optional<String> odsCode = SubmissionValues.identifier(authority.resource().getIdentifier(), Identifiers.ODS_CODE);
        for (SubmissionBundle.Typed<Flag> flag : flags) {
            check(submission, flag.entry(), "author", flag.resource().getAuthor(), authority, odsCode, issues);
        }
        for (SubmissionBundle.Typed<EpisodeOfCare> plan : plans) {
            check(submission, plan.entry(), "managingOrganization", plan.resource().getManagingOrganization(),
                    authority, odsCode, issues);
        }
        return issues;
    }

    private static void check(
            SubmissionBundle submission,
            SubmissionBundle.Entry entry,
            String path,
            Reference reference,
            SubmissionBundle.Typed<Organization> authority,
            Optional<String> odsCode,
            List<SubmissionIssue> issues) {
        if (!reference.hasReference()) {
            issues.add(SubmissionIssue.rule(submission.location(entry, path), entry.resource().fhirType() + "." + path
                    + " must refer to the submitting local authority's Organization (a logical identifier is not enough)"));
            return;
        }
        boolean sameEntry = submission.resolve(reference)
                .map(target -> target.index() == authority.entry().index())
                .orElse(false);
        boolean sameOdsCode = odsCode.isPresent()
                && reference.getReference().equals("Organization?identifier=" + Identifiers.ODS_CODE + "|" + odsCode.get());
        if (!sameEntry && !sameOdsCode) {
            issues.add(SubmissionIssue.rule(submission.location(entry, path),
                    entry.resource().fhirType() + "." + path + " must be the submitting local authority (the bundle's"
                            + " Organization" + odsCode.map(c -> ", ODS code " + c).orElse("") + "), not "
                            + reference.getReference()));
        }
    }
}
