package uk.cpis.fhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * The NHS numbers a search asked for: a lookup is audited against them even when it finds nothing, because
 * "CP-IS holds nothing about this child" is itself the answer the caller was given.
 */
final class NhsNumberLookup {

    private static final Map<String, Set<String>> NHS_NUMBER_PARAMETERS = Map.of(
            "Flag", Set.of("patient.identifier", "patient:Patient.identifier", "subject.identifier",
                    "subject:Patient.identifier"),
            "EpisodeOfCare", Set.of("patient.identifier", "patient:Patient.identifier"),
            "Patient", Set.of("identifier"));

    private NhsNumberLookup() {}

    static Set<String> of(RequestDetails request) {
        Set<String> found = new LinkedHashSet<>();
        if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE) {
            return found;
        }
        Set<String> names = NHS_NUMBER_PARAMETERS.getOrDefault(request.getResourceName(), Set.of());
        request.getParameters().forEach((name, values) -> {
            if (names.contains(name)) {
                for (String value : values) {
                    for (String token : value.split(",")) {
                        NhsNumber.fromToken(token).ifPresent(found::add);
                    }
                }
            }
        });
        return found;
    }
}
