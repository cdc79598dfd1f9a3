package uk.cpis.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** Finds the caller of the request being handled: from the request if recorded, else from the security context. */
public final class CurrentCaller {

    private CurrentCaller() {}

    /** The caller, or empty for an anonymous request or a token without a known role. */
    public static Optional<CallerClaims> of(RequestDetails request) {
        if (request != null && request.getUserData().get(CallerClaims.REQUEST_KEY) instanceof CallerClaims recorded) {
            return Optional.of(recorded);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            Optional<CallerClaims> caller = CallerClaims.from(jwt);
            if (request != null) {
                caller.ifPresent(c -> request.getUserData().put(CallerClaims.REQUEST_KEY, c));
            }
            return caller;
        }
        return Optional.empty();
    }
}
