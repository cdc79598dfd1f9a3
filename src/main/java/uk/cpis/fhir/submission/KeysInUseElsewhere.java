package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.util.FhirTerser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import uk.cpis.fhir.access.LocalAuthorityOwnership;

/**
 * Which of an LA's plan, staff or team keys another LA's stored record also carries, found for a whole bundle in
 * one indexed query per type (the records with any of the keys, their owners compared in memory). A key no other
 * LA uses needs no narrowing to the LA: see {@link PlanMatchScopingInterceptor}.
 */
final class KeysInUseElsewhere {

    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

    private final DaoRegistry daos;
    private final LocalAuthorityOwnership ownership;

    KeysInUseElsewhere(DaoRegistry daos, LocalAuthorityOwnership ownership) {
        this.daos = daos;
        this.ownership = ownership;
    }

    /** The values among {@code keys} (identifiers in {@code system}) that a {@code type} record of another LA holds. */
    Set<String> among(String type, String system, Set<String> keys, String odsCode, RequestDetails request) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        TokenOrListParam anyKey = new TokenOrListParam();
        keys.forEach(key -> anyKey.addOr(new TokenParam(system, key)));
        SearchParameterMap query = SearchParameterMap.newSynchronous().add("identifier", anyKey);
        Set<String> elsewhere = new HashSet<>();
        for (IBaseResource stored : daos.getResourceDao(type).search(query, new SystemRequestDetails()).getAllResources()) {
            if (!ownership.ownedBy(stored, odsCode, request)) {
                identifiersOf(stored).stream()
                        .filter(i -> system.equals(i.getSystem()) && keys.contains(i.getValue()))
                        .forEach(i -> elsewhere.add(i.getValue()));
            }
        }
        return elsewhere;
    }

    private static List<Identifier> identifiersOf(IBaseResource resource) {
        return TERSER.getValues(resource, "identifier", Identifier.class);
    }
}
