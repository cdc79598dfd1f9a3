package uk.cpis.fhir.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes one line per HTTP request: method, redacted path and query, status and milliseconds.
 *
 * <p>A servlet filter rather than a HAPI interceptor so that every request is logged, including those
 * refused before HAPI sees them and those to the actuator endpoints.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger REQUESTS = LoggerFactory.getLogger("cpis.request");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            REQUESTS.info(
                    "{} {} {} {}ms",
                    request.getMethod(),
                    RequestLineRedactor.redact(request.getRequestURI(), request.getQueryString()),
                    response.getStatus(),
                    millis);
        }
    }
}
