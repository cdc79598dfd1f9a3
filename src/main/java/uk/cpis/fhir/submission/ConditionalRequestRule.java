package uk.cpis.fhir.submission;

import uk.cpis.fhir.contract.CpisContract.SubmissionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * Each entry is keyed so that a resubmission finds what the first submission stored, never a copy: Patient and
 * Organization are conditional creates on their own NHS number / ODS code, EpisodeOfCare and Flag conditional
 * updates on their own local-authority plan identifier, a social worker and its post on the LA's staff identifier, a
 * team on the LA's team identifier. The key in the request must be the resource's own.
 */
final class ConditionalRequestRule implements SubmissionRule {

    @Override
    public String code() {
        return SubmissionRules.CONDITIONAL_KEYS;
    }

    @Override
    public List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        for (SubmissionBundle.Entry entry : submission.entries()) {
            if (entry.resource() instanceof Patient patient) {
                Optional<String> nhs = SubmissionValues.identifier(patient.getIdentifier(), Identifiers.NHS_NUMBER);
                conditionalCreate(submission, entry, Identifiers.NHS_NUMBER, nhs, issues);
                nhs.filter(n -> !NhsNumber.isValid(n)).ifPresent(n -> issues.add(SubmissionIssue.rule(
                        submission.requestLocation(entry, "ifNoneExist"),
                        "The NHS number " + n + " is not valid (10 digits with a modulus-11 check digit)")));
            } else if (entry.resource() instanceof Organization organization) {
                conditionalCreate(submission, entry, Identifiers.ODS_CODE,
                        SubmissionValues.identifier(organization.getIdentifier(), Identifiers.ODS_CODE), issues);
            } else if (entry.resource() instanceof EpisodeOfCare plan) {
                conditionalUpdate(submission, entry, Identifiers.LOCAL_AUTHORITY_PLAN, plan.getIdentifier(), issues);
            } else if (entry.resource() instanceof Flag flag) {
                conditionalUpdate(submission, entry, Identifiers.LOCAL_AUTHORITY_PLAN, flag.getIdentifier(), issues);
            } else if (entry.resource() instanceof Practitioner worker) {
                conditionalUpdate(submission, entry, Identifiers.LOCAL_AUTHORITY_STAFF, worker.getIdentifier(), issues);
            } else if (entry.resource() instanceof PractitionerRole post) {
                conditionalUpdate(submission, entry, Identifiers.LOCAL_AUTHORITY_STAFF, post.getIdentifier(), issues);
            } else if (entry.resource() instanceof CareTeam team) {
                conditionalUpdate(submission, entry, Identifiers.LOCAL_AUTHORITY_TEAM, team.getIdentifier(), issues);
            }
        }
        return issues;
    }

    private static void conditionalCreate(
            SubmissionBundle submission, SubmissionBundle.Entry entry, String system, Optional<String> value,
            List<SubmissionIssue> issues) {
        String expected = "identifier=" + system + "|" + value.orElse("<its identifier>");
        if (entry.request().getMethod() != HTTPVerb.POST || !expected.equals(entry.request().getIfNoneExist())) {
            issues.add(SubmissionIssue.rule(submission.requestLocation(entry, "ifNoneExist"),
                    "A " + entry.resource().fhirType() + " is sent as a conditional create on its own identifier:"
                            + " POST " + entry.resource().fhirType() + " with ifNoneExist '" + expected + "'"));
        }
    }

    private static void conditionalUpdate(
            SubmissionBundle submission, SubmissionBundle.Entry entry, String system, List<Identifier> identifiers,
            List<SubmissionIssue> issues) {
        String type = entry.resource().fhirType();
        String expected = type + "?identifier=" + system + "|"
                + SubmissionValues.identifier(identifiers, system).orElse("<its identifier>");
        if (entry.request().getMethod() != HTTPVerb.PUT || !expected.equals(entry.request().getUrl())) {
            issues.add(SubmissionIssue.rule(submission.requestLocation(entry, "url"),
                    "A " + type + " is sent as a conditional update on its own local-authority identifier ("
                            + system + "): PUT " + expected));
        }
    }
}
