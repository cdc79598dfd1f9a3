package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import uk.cpis.fhir.contract.CpisContract.Profiles;

/**
 * Validates resources against the CP-IS profiles with HAPI's instance validator and the server's validation
 * support chain (the installed package plus the R4 core definitions), built once and shared by every request.
 */
public final class ProfileValidator implements AutoCloseable {

    /** The profile each resource type of a submission must conform to. */
    static final Map<String, String> PROFILE_BY_TYPE = Map.of(
            "Flag", Profiles.FLAG,
            "EpisodeOfCare", Profiles.EPISODE_OF_CARE,
            "Patient", Profiles.PATIENT,
            "Organization", Profiles.LOCAL_AUTHORITY);

    /** Entries of children in one part of a large submission (see {@link SubmissionChunks}). */
    static final int PART_SIZE = 60;

    private final FhirValidator validator;
    private final ExecutorService helpers;

    /**
     * @param helpers threads that may take parts of a large submission; optional help: the request's own thread
     *                validates every part no helper has taken, so a busy or refusing executor only slows it down
     */
    public ProfileValidator(FhirContext fhirContext, IValidatorModule instanceValidator, ExecutorService helpers) {
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
        this.helpers = helpers;
    }

    /** The profile a resource of this type must conform to, if CP-IS profiles that type for submissions. */
    static Optional<String> profileFor(String resourceType) {
        return Optional.ofNullable(PROFILE_BY_TYPE.get(resourceType));
    }

    /** Stops the helper threads (Spring calls it as the server stops). */
    @Override
    public void close() {
        helpers.shutdown();
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

    /**
     * Every error of a submission against its profile. A large one is validated in parts of whole children (each
     * with the bundle's LA entry), side by side, and each issue is placed at its entry in the bundle sent; the
     * issues of the LA's entry and of the bundle itself, found in every part, are reported once.
     */
    List<SubmissionIssue> validateSubmission(Bundle bundle, String profile) {
        List<List<Integer>> parts = SubmissionChunks.of(bundle, PART_SIZE);
        if (parts.size() == 1) {
            return validate(bundle, profile);
        }
        List<CompletableFuture<List<SubmissionIssue>>> results = new ArrayList<>();
        Queue<Integer> untaken = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < parts.size(); i++) {
            results.add(new CompletableFuture<>());
            untaken.add(i);
        }
        Runnable takeParts = () -> {
            for (Integer next = untaken.poll(); next != null; next = untaken.poll()) {
                try {
                    results.get(next).complete(inBundle(validate(SubmissionChunks.part(bundle, parts.get(next)), profile),
                            parts.get(next)));
                } catch (RuntimeException | Error e) {
                    results.get(next).completeExceptionally(e);
                }
            }
        };
        for (int i = 1; i < parts.size(); i++) {
            try {
                helpers.execute(takeParts);
            } catch (RejectedExecutionException busy) {
                break; // this thread takes the rest
            }
        }
        takeParts.run();
        Set<SubmissionIssue> issues = new LinkedHashSet<>();
        for (CompletableFuture<List<SubmissionIssue>> result : results) {
            try {
                issues.addAll(result.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return List.copyOf(issues);
    }

    /** A part's issues, with each entry index ({@code Bundle.entry[3]}) turned into the entry's index in the bundle. */
    private static List<SubmissionIssue> inBundle(List<SubmissionIssue> issues, List<Integer> indexes) {
        return issues.stream()
                .map(i -> new SubmissionIssue(i.type(), renumbered(i.location(), indexes), renumbered(i.message(), indexes)))
                .toList();
    }

    private static String renumbered(String text, List<Integer> indexes) {
        return text == null ? null : SubmissionBundle.ENTRY_INDEX.matcher(text)
                .replaceAll(m -> "Bundle.entry[" + indexes.get(Integer.parseInt(m.group(1))) + "]");
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
