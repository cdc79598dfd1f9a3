package uk.cpis.fhir.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every request answered with an error status, whichever layer refused it (the token check, the input
 * filters, the access policy, HAPI, the submission rules): a filter in front of them all sees the final status.
 */
public final class RefusalCountingFilter extends OncePerRequestFilter {

    private final OperatorMeters meters;

    public RefusalCountingFilter(OperatorMeters meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (response.getStatus() >= 400) {
                meters.refused(response.getStatus());
            }
        }
    }
}
