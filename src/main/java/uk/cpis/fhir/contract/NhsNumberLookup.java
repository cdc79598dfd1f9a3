package uk.cpis.fhir.contract;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.util.UrlUtil;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The NHS numbers a search asked for (or the searches among a bundle's GET entries): a lookup is audited against
 * them even when it finds nothing, because "CP-IS holds nothing about this child" is itself the answer the caller
 * was given.
 */
public final class NhsNumberLookup {

    private static final Map<String, Set<String>> NHS_NUMBER_PARAMETERS = Map.of(
            "Flag", Set.of("patient.identifier", "patient:Patient.identifier", "subject.identifier",
                    "subject:Patient.identifier"),
            "EpisodeOfCare", Set.of("patient.identifier", "patient:Patient.identifier"),
            "Patient", Set.of("identifier"));

    private NhsNumberLookup() {}

    /** The search parameters of this resource type that take an NHS number ({@code system|value}). */
    public static Set<String> parametersOf(String type) {
        return NHS_NUMBER_PARAMETERS.getOrDefault(type, Set.of());
    }

    public static Set<String> of(RequestDetails request) {
        Set<String> found = new LinkedHashSet<>();
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
            collect(request.getResourceName(), request.getParameters(), found);
        } else if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            // HAPI's REST layer reports a posted batch as a TRANSACTION too.
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                String url = entry.getRequest().getUrl();
                int query = url == null ? -1 : url.indexOf('?');
                if (entry.getRequest().getMethod() == Bundle.HTTPVerb.GET && query > 0) {
                    collect(url.substring(0, query).replaceFirst("^/", ""),
                            UrlUtil.parseQueryString(url.substring(query + 1)), found);
                }
            }
        }
        return found;
    }

    private static void collect(String type, Map<String, String[]> parameters, Set<String> found) {
        Set<String> names = parametersOf(type);
        parameters.forEach((name, values) -> {
            if (names.contains(name)) {
                for (String value : values) {
                    for (String token : value.split(",")) {
                        NhsNumber.fromToken(token).ifPresent(found::add);
                    }
                }
            }
        });
    }
}
