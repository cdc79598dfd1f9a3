package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import uk.cpis.fhir.contract.CpisContract.Profiles;

/**
 * Validates resources against the CP-IS profiles with HAPI's instance validator and the server's validation
 * support chain (the installed package plus the R4 core definitions), built once and shared by every request.
 */
public final class ProfileValidator {

    /** The profile each resource type of a submission must conform to. */
    static final Map<String, String> PROFILE_BY_TYPE = Map.of(
            "Flag", Profiles.FLAG,
            "EpisodeOfCare", Profiles.EPISODE_OF_CARE,
            "Patient", Profiles.PATIENT,
            "Organization", Profiles.LOCAL_AUTHORITY);

    private final FhirValidator validator;

    public ProfileValidator(FhirContext fhirContext, IValidatorModule instanceValidator) {
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
    }

    /** The profile a resource of this type must conform to, if CP-IS profiles that type for submissions. */
    static Optional<String> profileFor(String resourceType) {
        return Optional.ofNullable(PROFILE_BY_TYPE.get(resourceType));
    }

    /** Every error (and fatal) the validator reports for the resource against the profile. */
    List<SubmissionIssue> validate(Resource resource, String profile) {
        return validator.validateWithResult(resource, new ValidationOptions().addProfile(profile))
                .getMessages()
                .stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(ProfileValidator::toIssue)
                .toList();
    }

    private static SubmissionIssue toIssue(SingleValidationMessage message) {
        // HAPI marks the type of a contained resource inline (".resource/*Flag/null*/.period"); FHIRPath has no such
        // comments, so they are dropped.
        String location = message.getLocationString() == null
                ? null
                : message.getLocationString().replaceAll("/\\*.*?\\*/", "");
        IssueType type = message.getMessage() != null && message.getMessage().startsWith("Constraint failed")
                ? IssueType.INVARIANT
                : IssueType.INVALID;
        return new SubmissionIssue(type, location, message.getMessage());
    }
}
