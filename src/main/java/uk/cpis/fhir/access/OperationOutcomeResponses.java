package uk.cpis.fhir.access;

import org.springframework.security.web.firewall.RequestRejectedHandler;
import uk.cpis.fhir.server.OperationOutcomeWriter;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers refusals by the security chain the FHIR way: 401 with an OperationOutcome (issue code {@code login},
 * or {@code expired} for an expired token) and 403 with code {@code forbidden}; never a stack trace or HTML.
 */
final class OperationOutcomeResponses {

    private OperationOutcomeResponses() {}

    static AuthenticationEntryPoint unauthenticated() {
        return (request, response, exception) -> {
            boolean expired = isExpiry(exception);
            response.setHeader("WWW-Authenticate", "Bearer");
            OperationOutcomeWriter.write(response, 401, expired ? "expired" : "login", describe(exception, expired));
        };
    }

    /** Whether the token was refused for its {@code exp}: Spring reports it as a validation error on the cause. */
    private static boolean isExpiry(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JwtValidationException invalid && invalid.getErrors().stream()
                    .anyMatch(e -> e.getDescription() != null && e.getDescription().contains("expired"))) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("Jwt expired")) {
                return true;
            }
        }
        return false;
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) ->
                OperationOutcomeWriter.write(response, 403, "forbidden", "Access denied");
    }

    private static String describe(AuthenticationException exception, boolean expired) {
        if (expired) {
            return "The bearer token has expired";
        }
        return exception instanceof InvalidBearerTokenException
                ? "The bearer token is not valid for this server"
                : "A bearer token is required";
    }

    /** Spring Security's firewall (encoded slashes, {@code ..}, odd methods…): 400 with an OperationOutcome. */
    static RequestRejectedHandler rejected() {
        return (request, response, exception) -> {
            boolean method = exception.getMessage() != null && exception.getMessage().contains("HTTP method");
            OperationOutcomeWriter.write(response, method ? 405 : 400, method ? "not-supported" : "invalid", method
                    ? "This HTTP method is not allowed"
                    : "The request was refused: its URL is not allowed (encoded separators, '..', ';' or control characters)");
        };
    }
}
