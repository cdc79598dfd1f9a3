package uk.cpis.fhir.submission;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.Optional;
import org.hl7.fhir.r4.model.Organization;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.access.CurrentCaller;
import uk.cpis.fhir.access.Forbidden;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.metrics.OperatorMeters;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.server.StorageInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards the write path: a transaction, or a batch, is checked whole against the profiles and the business
 * rules before HAPI stores anything. A transaction with any problem is refused with 422 and one OperationOutcome
 * naming every problem; in a batch, each entry with a problem is refused alone, with its own OperationOutcome. Refusing before processing is what makes a bad transaction store nothing at all.
 *
 * <p>On {@code STORAGE_TRANSACTION_PROCESSING} rather than HAPI's {@code RepositoryValidatingInterceptor}: that
 * one validates resource by resource as they are stored and stops at the first failure, whereas an LA needs the
 * whole list, with entry indexes, and rules that look across entries (a Flag against its plan).
 */
@Interceptor(order = HookOrder.SUBMISSION_VALIDATION)
public final class SubmissionValidatingInterceptor implements StorageInterceptor {

    /** Request user-data key telling later hooks that this request's resources were validated as a submission. */
    static final String VALIDATED = SubmissionValidatingInterceptor.class.getName() + ".validated";
    /** Request user-data key: a batch's problems, per entry, found when the whole batch was validated. */
    static final String BATCH_ISSUES = SubmissionValidatingInterceptor.class.getName() + ".batchIssues";

    private final TransactionBundleValidator validator;
    private final SubmissionProperties limits;
    private final OperatorMeters meters;

    public SubmissionValidatingInterceptor(TransactionBundleValidator validator, SubmissionProperties limits,
            OperatorMeters meters) {
        this.validator = validator;
        this.limits = limits;
        this.meters = meters;
    }

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void storageTransactionProcessing(IBaseBundle theBundle, RequestDetails theRequest) {
        if (!(theBundle instanceof Bundle bundle) || !writesFromClient(bundle, theRequest)) {
            return;
        }
        if (bundle.getEntry().size() > limits.maxEntries()) {
            throw SubmissionRejection.tooManyEntries(bundle.getEntry().size(), limits.maxEntries());
        }
        if (bundle.getType() == Bundle.BundleType.BATCH) {
            validateBatch(bundle, theRequest);
            return;
        }
        if (isBatchEntry(theRequest)) {
            refuseSubmissionForAnotherAuthority(bundle, theRequest);
            refuseBatchEntry(bundle, theRequest);
            return;
        }
        refuseSubmissionForAnotherAuthority(bundle, theRequest);
        List<SubmissionIssue> issues = validator.validate(bundle);
        counted(issues);
        if (!issues.isEmpty()) {
            throw SubmissionRejection.unprocessable(issues);
        }
        theRequest.getUserData().put(VALIDATED, Boolean.TRUE);
    }

    /**
     * A batch is held to everything a transaction is: the whole bundle is validated as one submission before any
     * entry runs (so the rules that look across entries and at stored plans apply), and each entry's problems
     * are kept to refuse that entry alone when HAPI runs it. A problem of the bundle as a whole refuses it all.
     */
    private void validateBatch(Bundle batch, RequestDetails request) {
        // Naming another LA is refused entry by entry, as each runs (below), so that the other entries still run.
        Bundle asTransaction = batch.copy().setType(Bundle.BundleType.TRANSACTION);
        Map<Bundle.BundleEntryComponent, List<SubmissionIssue>> byEntry = new IdentityHashMap<>();
        List<SubmissionIssue> ofTheBundle = new ArrayList<>();
        List<SubmissionIssue> found = validator.validate(asTransaction);
        counted(found);
        for (SubmissionIssue issue : found) {
            Matcher entry = SubmissionBundle.ENTRY_INDEX.matcher(issue.location() == null ? "" : issue.location());
            if (entry.lookingAt() && Integer.parseInt(entry.group(1)) < batch.getEntry().size()) {
                byEntry.computeIfAbsent(batch.getEntry().get(Integer.parseInt(entry.group(1))), e -> new ArrayList<>()).add(issue);
            } else {
                ofTheBundle.add(issue);
            }
        }
        if (!ofTheBundle.isEmpty()) {
            throw SubmissionRejection.unprocessable(ofTheBundle);
        }
        request.getUserData().put(BATCH_ISSUES, byEntry);
        request.getUserData().put(VALIDATED, Boolean.TRUE);
    }

    /** The operators' count of submissions judged, and of each problem by its rule. */
    private void counted(List<SubmissionIssue> issues) {
        meters.submission(issues.isEmpty());
        issues.forEach(issue -> meters.submissionProblem(issue.rule()));
    }

    /** One entry of a batch, as HAPI runs it (a one-entry transaction): refused alone if the batch check found a problem. */
    private static void refuseBatchEntry(Bundle entryBundle, RequestDetails request) {
        @SuppressWarnings("unchecked")
        Map<Bundle.BundleEntryComponent, List<SubmissionIssue>> byEntry =
                (Map<Bundle.BundleEntryComponent, List<SubmissionIssue>>) request.getUserData().get(BATCH_ISSUES);
        if (byEntry == null) {
            throw new IllegalStateException("A batch entry ran before its batch was validated");
        }
        List<SubmissionIssue> issues = byEntry.get(entryBundle.getEntryFirstRep());
        if (issues != null) {
            throw SubmissionRejection.unprocessable(issues);
        }
    }

    /**
     * A bundle from a client that writes something; read-only bundles and the server's own work pass. A batch
     * passes here whole first, then HAPI hands each of its entries to the hook again, as a one-entry transaction.
     */
    static boolean writesFromClient(Bundle bundle, RequestDetails request) {
        if (request == null || request instanceof SystemRequestDetails) {
            return false;
        }
        return bundle.getEntry().stream()
                .anyMatch(e -> e.getRequest().getMethod() != null
                        && e.getRequest().getMethod() != Bundle.HTTPVerb.GET
                        && e.getRequest().getMethod() != Bundle.HTTPVerb.HEAD);
    }

    /** A client's submission as HAPI stores it: a transaction, or one entry of a batch (never the batch itself). */
    static boolean isClientSubmission(Bundle bundle, RequestDetails request) {
        return bundle.getType() != Bundle.BundleType.BATCH && writesFromClient(bundle, request);
    }

    /** A local authority's token submits for that authority only: every Organization sent must be its own. */
    private static void refuseSubmissionForAnotherAuthority(Bundle bundle, RequestDetails request) {
        Optional<CallerClaims> caller = CurrentCaller.of(request)
                .filter(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY);
        if (caller.isEmpty()) {
            return;
        }
        Optional<String> own = Optional.ofNullable(caller.get().organisation());
        String conditional = "Organization?identifier=" + Identifiers.ODS_CODE + "|";
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Optional<String> named = Optional.empty();
            if (entry.getResource() instanceof Organization organization) {
                named = SubmissionValues.identifier(organization.getIdentifier(), Identifiers.ODS_CODE).or(() -> Optional.of("none"));
            }
            if (entry.getResource() != null) {
                for (AuthorityReferences.Named reference : AuthorityReferences.of(entry.getResource())) {
                    String literal = reference.reference().getReference();
                    if (named.isEmpty() && literal != null && literal.startsWith(conditional)) {
                        named = Optional.of(literal.substring(conditional.length()));
                    }
                }
            }
            if (named.isPresent() && !named.equals(own)) {
                throw Forbidden.because("A local authority submits its own plans and staff only: this bundle"
                        + " names the LA " + named.get() + ", the token's is " + own.orElse("none"));
            }
        }
    }

    /** HAPI hands each entry of a batch to this hook as its own one-entry bundle. */
    private static boolean isBatchEntry(RequestDetails request) {
        return request.getResource() instanceof Bundle posted && posted.getType() == Bundle.BundleType.BATCH;
    }
}
