package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Guards the queries only an admin may make: wildcard includes ({@code _include=*}, {@code _revinclude=*}),
 * which would pull in everything linked to a result whatever the caller's role, and history ({@code _history}
 * of a resource, a type or the server), which would show records as they were, whoever may see them now. It runs as a request is about to
 * be handled, which HAPI also signals for each GET entry of a transaction, so a bundle cannot carry one past it.
 */
@Interceptor
public final class RestrictedQueryGuard {

    private static final List<String> INCLUDE_PARAMETERS = List.of("_include", "_revinclude", "_include:iterate", "_revinclude:iterate");

    private static final Set<RestOperationTypeEnum> HISTORY = EnumSet.of(
            RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serverIncomingRequestPreHandled(RequestDetails theRequest) {
        boolean admin = CurrentCaller.of(theRequest).map(c -> c.role() == CallerClaims.Role.ADMIN).orElse(false);
        if (admin) {
            return;
        }
        if (HISTORY.contains(theRequest.getRestOperationType())) {
            throw Forbidden.because("History is for administrators only");
        }
        for (String parameter : INCLUDE_PARAMETERS) {
            String[] values = theRequest.getParameters().get(parameter);
            if (values != null && Arrays.stream(values).anyMatch(v -> v.equals("*") || v.endsWith(":*"))) {
                throw Forbidden.because("Wildcard includes are for administrators only");
            }
        }
    }
}
