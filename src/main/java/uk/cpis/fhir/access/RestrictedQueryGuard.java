package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.List;

/**
 * Guards the queries only an admin may make: wildcard includes ({@code _include=*}, {@code _revinclude=*}),
 * which would pull in everything linked to a result whatever the caller's role.
 */
@Interceptor
public final class RestrictedQueryGuard {

    private static final List<String> INCLUDE_PARAMETERS = List.of("_include", "_revinclude", "_include:iterate", "_revinclude:iterate");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void serverIncomingRequestPostProcessed(RequestDetails theRequest) {
        boolean admin = CurrentCaller.of(theRequest).map(c -> c.role() == CallerClaims.Role.ADMIN).orElse(false);
        if (admin) {
            return;
        }
        for (String parameter : INCLUDE_PARAMETERS) {
            String[] values = theRequest.getParameters().get(parameter);
            if (values != null && Arrays.stream(values).anyMatch(v -> v.equals("*") || v.endsWith(":*"))) {
                throw Forbidden.because("Wildcard includes are for administrators only");
            }
        }
    }
}
