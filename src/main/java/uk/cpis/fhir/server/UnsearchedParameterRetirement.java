package uk.cpis.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Keeps HAPI from indexing what nobody searches on the two resources every lookup writes (an AuditEvent and a
 * notification): each built-in search parameter of theirs that neither a role's grant nor the server's own
 * queries use is overridden, at startup, by a stored copy of itself with status {@code retired}, which HAPI's
 * search parameter registry drops. A parameter taken back into {@link #SEARCHED} loses its override on the next
 * start; resources written meanwhile are then not yet indexed for it (an admin's {@code $reindex} fills that in).
 * Retiring starts no reindex: index rows written before stay, unsearchable and harmless.
 *
 * <p>{@link #SEARCHED} must list every parameter of these types that the access policy grants or the server
 * queries (the access tests search each granted one).
 */
public final class UnsearchedParameterRetirement implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(UnsearchedParameterRetirement.class);

    /** Per type, the built-in parameters that are searched: by a role (the access policy) or by the server. */
    static final Map<String, Set<String>> SEARCHED = Map.of(
            // auditors' grant; the found-child proof (agent-role, entity, subtype, date); retention (date)
            "AuditEvent", Set.of("date", "type", "subtype", "action", "outcome", "entity", "agent", "agent-role",
                    "patient"),
            // LAs' and auditors' grants; access history and retention (subject, sent); LA subscriptions (recipient)
            "Communication", Set.of("sent", "status", "recipient", "subject"));

    private static final String CORE = "http://hl7.org/fhir/SearchParameter/";

    private final FhirContext fhirContext;
    private final IFhirResourceDao<SearchParameter> searchParameters;
    private final ISearchParamRegistry registry;

    UnsearchedParameterRetirement(
            FhirContext fhirContext, IFhirResourceDao<SearchParameter> searchParameters, ISearchParamRegistry registry) {
        this.fhirContext = fhirContext;
        this.searchParameters = searchParameters;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int retired = 0;
        int written = 0;
        for (Map.Entry<String, Set<String>> type : SEARCHED.entrySet()) {
            for (RuntimeSearchParam builtIn : fhirContext.getResourceDefinition(type.getKey()).getSearchParams()) {
                // Only a parameter of this type alone: retiring a shared one would retire it for every type; and
                // none of those every resource has (_id, _lastUpdated, ...).
                if (builtIn.getName().startsWith("_")
                        || !(CORE + type.getKey() + "-" + builtIn.getName()).equals(builtIn.getUri())) {
                    continue;
                }
                IdType id = new IdType("SearchParameter", "cpis-retired-" + type.getKey().toLowerCase(Locale.ROOT)
                        + "-" + builtIn.getName());
                if (type.getValue().contains(builtIn.getName())) {
                    removeOverride(id);
                } else {
                    SearchParameter override = retired(id, type.getKey(), builtIn);
                    if (!alreadyStored(override)) {
                        searchParameters.update(override, withoutReindex());
                        written++;
                    }
                    retired++;
                }
            }
        }
        registry.forceRefresh();
        LOG.info("{} built-in search parameters of AuditEvent and Communication are not indexed (nobody searches them);"
                + " {} of their overrides written now", retired, written);
    }

    /**
     * HAPI would reindex every stored resource of the type after each of these writes (once per parameter), to
     * drop index rows nobody can search any more: not worth a background job over all AuditEvents at each upgrade.
     */
    private static SystemRequestDetails withoutReindex() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.getUserData().put(JpaConstants.SKIP_REINDEX_ON_UPDATE, Boolean.TRUE);
        return request;
    }

    private static SearchParameter retired(IdType id, String type, RuntimeSearchParam builtIn) {
        SearchParameter parameter = new SearchParameter();
        parameter.setId(id);
        parameter.setUrl(builtIn.getUri());
        parameter.setName(builtIn.getName());
        parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
        parameter.setDescription("Not indexed by CP-IS: no role searches " + type + " by " + builtIn.getName());
        parameter.setCode(builtIn.getName());
        parameter.addBase(type);
        parameter.setType(Enumerations.SearchParamType.fromCode(builtIn.getParamType().getCode()));
        parameter.setExpression(builtIn.getPath());
        return parameter;
    }

    /**
     * True when this very override is stored already (as after every start but the first): rewriting 20 unchanged
     * SearchParameters took some 3 s of each start.
     */
    private boolean alreadyStored(SearchParameter override) {
        try {
            SearchParameter stored = searchParameters.read(override.getIdElement(), new SystemRequestDetails());
            stored.setMeta(null);
            stored.setIdElement(override.getIdElement());
            return stored.equalsDeep(override);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return false;
        }
    }

    private void removeOverride(IdType id) {
        try {
            searchParameters.read(id, new SystemRequestDetails());
            searchParameters.delete(id, withoutReindex());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            // never retired, or already taken back
        }
    }
}
