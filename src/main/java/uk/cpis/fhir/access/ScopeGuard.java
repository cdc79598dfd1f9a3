package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import uk.cpis.fhir.server.RestServerInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards the SMART scopes a token carries: when it has a {@code scope} claim, a request must also fall within
 * one of its resource scopes ({@code user/Flag.rs}, {@code system/*.cruds}; v1 {@code .read}/{@code .write}/
 * {@code .*} too). The role's rules still apply: a scope narrows what a role may do, never widens it. It runs
 * as a request is about to be handled, which HAPI also signals for each GET entry of a transaction.
 */
@Interceptor(order = HookOrder.SCOPES)
public final class ScopeGuard implements RestServerInterceptor {

    private static final List<String> SUBMISSION_TYPES = List.of("Patient", "Organization", "EpisodeOfCare", "Flag");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void serverIncomingRequestPreHandled(RequestDetails theRequest) {
        CallerClaims caller = CurrentCaller.of(theRequest).orElse(null);
        if (caller == null || caller.scopes().isEmpty()) {
            return;
        }
        RestOperationTypeEnum operation = theRequest.getRestOperationType();
        String type = theRequest.getResourceName();
        boolean allowed = switch (operation) {
            case METADATA -> true;
            case READ, VREAD -> grants(caller, type, 'r');
            case SEARCH_TYPE, GET_PAGE -> grants(caller, type, 's');
            case CREATE -> grants(caller, type, 'c');
            case UPDATE, PATCH -> grants(caller, type, 'u');
            case DELETE -> grants(caller, type, 'd');
            // A transaction or a batch (HAPI's REST layer reports both as TRANSACTION). A bundle of reads: each
            // GET entry is checked as a request of its own.
            case TRANSACTION -> TransactionEntries.onlyReads(theRequest) || SUBMISSION_TYPES.stream()
                    .allMatch(t -> grants(caller, t, 'c') && grants(caller, t, 'u'));
            case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> "$validate".equals(theRequest.getOperation());
            default -> false;
        };
        if (!allowed) {
            throw Forbidden.because("The token's scopes do not allow this request");
        }
    }

    static boolean grants(CallerClaims caller, String type, char permission) {
        for (String scope : caller.scopes()) {
            int slash = scope.indexOf('/');
            int dot = scope.lastIndexOf('.');
            if (slash < 0 || dot < slash) {
                continue;
            }
            String scopeType = scope.substring(slash + 1, dot);
            String permissions = switch (scope.substring(dot + 1)) {
                case "read" -> "rs";
                case "write" -> "cud";
                case "*" -> "cruds";
                default -> scope.substring(dot + 1);
            };
            if ((scopeType.equals("*") || scopeType.equals(type)) && permissions.indexOf(permission) >= 0) {
                return true;
            }
        }
        return false;
    }
}
