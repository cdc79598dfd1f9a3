package uk.cpis.fhir.submission;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.cpis.fhir.server.OperationOutcomeWriter;

/**
 * Refuses a request body larger than the configured limit with 413 and an OperationOutcome, before anything
 * reads it. A body without a declared length is refused once it has been read past the limit.
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            OperationOutcomeWriter.write(response, 413, "too-costly", "Request body of %d bytes is larger than the %d bytes allowed"
                    .formatted(request.getContentLengthLong(), maxBytes));
            return;
        }
        chain.doFilter(new SizeLimitedRequest(request, maxBytes), response);
    }
}
