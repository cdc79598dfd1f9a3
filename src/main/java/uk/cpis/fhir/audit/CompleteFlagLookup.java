package uk.cpis.fhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import uk.cpis.fhir.contract.CpisContract.SearchParameters;
import uk.cpis.fhir.contract.NhsNumberLookup;

/**
 * Decides whether a response provably shows every Flag of the child looked up, with the plans they point at, so
 * the notification can name the child's active plans from the response instead of querying them again: a Flag
 * search by one NHS number and nothing that filters (no other parameter, no {@code _elements} or
 * {@code _summary}), its plans included ({@code Flag:detail}), on its first and only page. Anything else — an
 * LA's narrowed search, a second page, a bundle of lookups — is not complete, and the plans are queried.
 *
 * <p>A clinician (the only caller who notifies) is shown every Flag of a child it finds, so the authorisation
 * rules remove nothing from such a response.
 */
final class CompleteFlagLookup {

    private static final Set<String> HARMLESS = Set.of("_include", "_include:iterate", "_count", "_offset", "_format", "_pretty");

    private CompleteFlagLookup() {}

    static boolean holdsEveryFlag(RestOperationTypeEnum operation, String type, Map<String, String[]> parameters,
            IBaseResource response) {
        if (operation != RestOperationTypeEnum.SEARCH_TYPE || !"Flag".equals(type)
                || !(response instanceof Bundle bundle) || bundle.getLink(Bundle.LINK_NEXT) != null) {
            return false;
        }
        int lookups = 0;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String[] values = parameter.getValue();
            if (NhsNumberLookup.parametersOf("Flag").contains(parameter.getKey())) {
                lookups += values.length;
                if (values.length != 1 || values[0].contains(",")) {
                    return false;
                }
            } else if (!HARMLESS.contains(parameter.getKey())) {
                return false;
            }
        }
        String[] offset = parameters.get("_offset");
        boolean firstPage = offset == null || Arrays.stream(offset).allMatch("0"::equals);
        String[] includes = parameters.getOrDefault("_include", new String[0]);
        return lookups == 1 && firstPage && Arrays.asList(includes).contains(SearchParameters.FLAG_PLAN_INCLUDE);
    }
}
