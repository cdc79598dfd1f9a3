package uk.cpis.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Writes a refusal made outside HAPI (the security chain, Spring's error page, Tomcat) as FHIR does: an
 * OperationOutcome in JSON with the status, built with HAPI's parser, never HTML or a stack trace.
 */
public final class OperationOutcomeWriter {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private OperationOutcomeWriter() {}

    public static String json(String code, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(code))
                .setDiagnostics(diagnostics);
        return FHIR.newJsonParser().encodeResourceToString(outcome);
    }

    public static void write(HttpServletResponse response, int status, String code, String diagnostics) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(code, diagnostics));
    }

    /** The issue code that fits an HTTP error status. */
    public static String codeFor(int status) {
        return switch (status) {
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404, 410 -> "not-found";
            case 405, 501 -> "not-supported";
            case 408, 503, 504 -> "transient";
            case 413 -> "too-long";
            default -> status >= 500 ? "exception" : "invalid";
        };
    }

    /** A short reason for a status, safe to show anyone. */
    public static String reasonFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (its URL, headers or body) and was not processed";
            case 401 -> "A bearer token is required";
            case 403 -> "Access denied";
            case 404 -> "Nothing is served at this address";
            case 405 -> "This HTTP method is not allowed here";
            case 406 -> "The requested format is not available";
            case 413 -> "The request is too large";
            case 415 -> "The request's content type is not supported";
            default -> status >= 500 ? "The server could not process the request" : "The request was not processed";
        };
    }
}
