package uk.cpis.fhir.filesubmission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.access.CurrentCaller;
import uk.cpis.fhir.access.Forbidden;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.Operations;
import uk.cpis.fhir.metrics.OperatorMeters;
import uk.cpis.fhir.submission.SubmissionIssue;
import uk.cpis.fhir.submission.TransactionBundleValidator;

/**
 * {@code POST /fhir/$cpis-submit-file}: an LA's CSV file (one row per plan) becomes the submission bundle its rows
 * stand for and is stored as one transaction, through the same validation, rules and access checks as a bundle an
 * LA posts (they run on HAPI's transaction, whoever calls it). The answer is an OperationOutcome naming each row:
 * accepted, or — nothing stored — every problem by row and column, those the server's validation found in the
 * bundle mapped back to the rows they came from.
 */
public final class FileSubmissionOperation {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** The metrics' rule tag of a file refused on its own rows, before the submission rules saw it. */
    private static final String FILE_LAYOUT = "file-layout";

    private final IFhirSystemDao<Bundle, Meta> system;
    private final IFhirResourceDao<Organization> organisations;
    private final TransactionBundleValidator validator;
    private final SubmissionFileConverter converter;
    private final OperatorMeters meters;
    private final long maxBytes;

    FileSubmissionOperation(IFhirSystemDao<Bundle, Meta> system, IFhirResourceDao<Organization> organisations,
            TransactionBundleValidator validator, SubmissionFileLimits limits, OperatorMeters meters) {
        this.system = system;
        this.organisations = organisations;
        this.validator = validator;
        this.converter = new SubmissionFileConverter(limits);
        this.meters = meters;
        this.maxBytes = limits.maxBytes();
    }

    @Description(shortDefinition = "Submits an LA's CSV file of plans (text/csv body, one row per plan) as one"
            + " transaction; answers an OperationOutcome naming each row")
    @Operation(name = Operations.SUBMIT_FILE, idempotent = false, manualRequest = true)
    public OperationOutcome submitFile(HttpServletRequest http, ServletRequestDetails request) throws IOException {
        CallerClaims caller = CurrentCaller.of(request)
                .filter(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY)
                .orElseThrow(() -> Forbidden.because("Access denied: files are submitted by a local authority"));
        String type = http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/csv")) {
            throw new UnclassifiedServerFailureException(415, "Send the file as Content-Type text/csv (UTF-8)");
        }
        byte[] file = readAtMost(http.getInputStream(), maxBytes);
        String odsCode = caller.organisation();
        if (!registered(odsCode)) {
            throw refused(List.of(new FileProblem(FileProblem.FILE, null, FileResult.REJECTED, "The local authority "
                    + odsCode + " is not registered with CP-IS: its Organization (ODS code, name, office-hours and"
                    + " emergency duty phones) is sent once as a FHIR submission, or registered by CP-IS's service"
                    + " desk, before files are accepted")));
        }
        FileConversion conversion = converter.convert(file, odsCode);
        if (conversion.hasProblems()) {
            // The good rows are checked against the profiles and rules too, so one answer names every problem.
            List<FileProblem> problems = new ArrayList<>(conversion.problems());
            if (conversion.bundle().getEntry().stream().anyMatch(e -> e.getResource() instanceof EpisodeOfCare)) {
                for (SubmissionIssue issue : validator.validate(conversion.bundle())) {
                    problems.addAll(conversion.locator().problemsAt(issue.location(), issue.message()));
                }
            }
            meters.submission(false);
            meters.submissionProblem(FILE_LAYOUT);
            throw refused(problems);
        }
        // Stored as the LA's own transaction: every hook and rule that judges a posted submission (validation,
        // narrowing to the LA, authorisation of each record, the Provenance) judges this one the same way.
        RestOperationTypeEnum operation = request.getRestOperationType();
        request.setRestOperationType(RestOperationTypeEnum.TRANSACTION);
        request.setResource(conversion.bundle());
        try {
            system.transaction(request, conversion.bundle());
        } catch (UnprocessableEntityException invalid) {
            throw refused(rowProblems(invalid, conversion));
        } finally {
            request.setResource(null);
            request.setRestOperationType(operation);
        }
        return FileOutcomeBuilder.accepted(conversion.rows().stream().map(RowKey::row).toList());
    }

    /** The server's validation problems, each at the rows (and column) of the file its bundle location came from. */
    private static List<FileProblem> rowProblems(UnprocessableEntityException invalid, FileConversion conversion) {
        List<FileProblem> problems = new ArrayList<>();
        if (!(invalid.getOperationOutcome() instanceof OperationOutcome outcome)) {
            problems.add(new FileProblem(FileProblem.FILE, null, FileResult.REJECTED, invalid.getMessage()));
            return problems;
        }
        for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
            String where = issue.getExpression().isEmpty() ? null : issue.getExpression().get(0).getValue();
            problems.addAll(conversion.locator().problemsAt(where, issue.getDiagnostics()));
        }
        return problems;
    }

    private boolean registered(String odsCode) {
        SearchParameterMap byOdsCode = SearchParameterMap.newSynchronous(
                Organization.SP_IDENTIFIER, new TokenParam(Identifiers.ODS_CODE, odsCode));
        byOdsCode.setLoadSynchronousUpTo(1);
        return !organisations.searchForResourceIds(byOdsCode, new SystemRequestDetails()).isEmpty();
    }

    private static UnprocessableEntityException refused(List<FileProblem> problems) {
        return new UnprocessableEntityException(FHIR, FileOutcomeBuilder.refused(problems));
    }

    /** The body, refused with 413 past the limit without reading further. */
    private static byte[] readAtMost(InputStream body, long maxBytes) throws IOException {
        byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
        if (read.length > maxBytes) {
            String message = "The file is larger than " + maxBytes + " bytes: split it into several files (each is"
                    + " stored whole or not at all)";
            PayloadTooLargeException tooLarge = new PayloadTooLargeException(message);
            // As a file answer, so that the submit command writes its report too.
            tooLarge.setOperationOutcome(FileOutcomeBuilder.refused(
                    List.of(new FileProblem(FileProblem.FILE, null, FileResult.REJECTED, message))));
            throw tooLarge;
        }
        return read;
    }
}
