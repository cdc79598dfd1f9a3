package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.access.CurrentCaller;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.SearchParameters;
import uk.cpis.fhir.server.StorageInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards each LA's plans and staff from the others: a plan, staff or team identifier is unique only within the LA
 * that issued it, so the conditional update an LA sends ({@code Flag?identifier=…|P1},
 * {@code Practitioner?identifier=…|SW1}) must match only that LA's own records before HAPI looks for a match.
 * Without this, two LAs that both number a plan "P1" (or a worker "SW1") would overwrite each other's records.
 *
 * <p>Where another LA's record carries the same key, the URL is narrowed to the LA
 * ({@code &author:Organization.identifier=…|<its ODS code>}, the token's for an LA). Where none does (found for the
 * whole bundle in one query per type), an LA's URL is left as it is: it can then match only the LA's own record,
 * and HAPI resolves such single-identifier URLs for a whole bundle in one query, where it runs each narrowed one
 * alone (on H2 each scanned all of the LA's records: half of a submission's time at 5,000 plans). Should another
 * LA store the same key between this check and HAPI's match, the authorisation rules, which check the stored
 * version of every record an LA updates, refuse the whole submission (403) and nothing is stored. Other callers'
 * URLs are always narrowed: only an LA's writes are held to its own records by those rules.
 */
@Interceptor(order = HookOrder.PLAN_MATCH_SCOPING)
public final class PlanMatchScopingInterceptor implements StorageInterceptor {

    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

    /** Per LA-keyed type: the identifier system of its LA-issued key, and the search parameter naming its LA. */
    private record Keyed(String keySystem, String ownerParameter) {}

    private static final Map<String, Keyed> KEYED = Map.of(
            "EpisodeOfCare", new Keyed(Identifiers.LOCAL_AUTHORITY_PLAN, EpisodeOfCare.SP_ORGANIZATION),
            "Flag", new Keyed(Identifiers.LOCAL_AUTHORITY_PLAN, Flag.SP_AUTHOR),
            "Practitioner", new Keyed(Identifiers.LOCAL_AUTHORITY_STAFF, SearchParameters.STAFF_LOCAL_AUTHORITY),
            "PractitionerRole", new Keyed(Identifiers.LOCAL_AUTHORITY_STAFF, PractitionerRole.SP_ORGANIZATION),
            "CareTeam", new Keyed(Identifiers.LOCAL_AUTHORITY_TEAM, SearchParameters.STAFF_LOCAL_AUTHORITY));

    private final KeysInUseElsewhere keysInUseElsewhere;

    PlanMatchScopingInterceptor(KeysInUseElsewhere keysInUseElsewhere) {
        this.keysInUseElsewhere = keysInUseElsewhere;
    }

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void storageTransactionProcessing(IBaseBundle theBundle, RequestDetails theRequest) {
        if (!(theBundle instanceof Bundle bundle)
                || !SubmissionValidatingInterceptor.isClientSubmission(bundle, theRequest)) {
            return;
        }
        SubmissionBundle submission = new SubmissionBundle(bundle);
        // An LA's conditional URLs are narrowed to the LA of its token, whatever its entries claim.
        Optional<String> caller = CurrentCaller.of(theRequest)
                .filter(c -> c.role() == CallerClaims.Role.LOCAL_AUTHORITY)
                .map(c -> c.organisation() == null ? "" : c.organisation());
        caller.ifPresent(ods -> narrowKeyedReferences(bundle, ods));
        List<SubmissionBundle.Entry> keyedUpdates = submission.entries().stream()
                .filter(e -> e.request().getMethod() == Bundle.HTTPVerb.PUT && e.request().getUrl().contains("?")
                        && e.resource() != null && KEYED.containsKey(e.resource().fhirType()))
                .toList();
        Map<String, Set<String>> sharedKeys = caller.map(ods -> sharedKeys(keyedUpdates, ods, theRequest)).orElse(Map.of());
        for (SubmissionBundle.Entry entry : keyedUpdates) {
            String type = entry.resource().fhirType();
            Optional<String> key = singleKey(entry.request().getUrl(), type);
            if (caller.isPresent() && key.isPresent() && !sharedKeys.getOrDefault(type, Set.of()).contains(key.get())) {
                continue;
            }
            caller.or(() -> AuthorityReferences.of(entry.resource()).stream()
                            .map(named -> SubmissionValues.odsCodeOf(submission, named.reference()))
                            .flatMap(Optional::stream)
                            .findFirst())
                    .ifPresent(ods -> entry.request().setUrl(narrowed(entry.request().getUrl(), type, ods)));
        }
    }

    /** Per type, the keys of these conditional updates that another LA's record also carries. */
    private Map<String, Set<String>> sharedKeys(List<SubmissionBundle.Entry> updates, String odsCode, RequestDetails request) {
        Map<String, Set<String>> keysByType = new HashMap<>();
        for (SubmissionBundle.Entry entry : updates) {
            String type = entry.resource().fhirType();
            singleKey(entry.request().getUrl(), type)
                    .ifPresent(key -> keysByType.computeIfAbsent(type, t -> new HashSet<>()).add(key));
        }
        Map<String, Set<String>> shared = new HashMap<>();
        keysByType.forEach((type, keys) -> shared.put(type,
                keysInUseElsewhere.among(type, KEYED.get(type).keySystem(), keys, odsCode, request)));
        return shared;
    }

    /**
     * The key of a conditional URL that names exactly one identifier of the type's key system and nothing else
     * ({@code Flag?identifier=<system>|P1}); any other form (more parameters, several values, escapes) is narrowed.
     */
    static Optional<String> singleKey(String url, String type) {
        Keyed keyed = KEYED.get(type);
        String prefix = type + "?identifier=" + keyed.keySystem() + "|";
        if (!url.startsWith(prefix) || url.length() == prefix.length()) {
            return Optional.empty();
        }
        String key = url.substring(prefix.length());
        return key.chars().anyMatch(c -> c == '&' || c == ',' || c == '%' || c == '|' || c == '$' || c == '\\')
                ? Optional.empty() : Optional.of(key);
    }

    /**
     * An LA's conditional references to its keyed records ({@code EpisodeOfCare?identifier=…|P1}, the way a batch
     * links a Flag to its plan or a plan to its social worker) are narrowed to its own too: another LA's plan "P1"
     * must never be what they resolve to.
     */
    private static void narrowKeyedReferences(Bundle bundle, String odsCode) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() == null) {
                continue;
            }
            for (Reference reference : TERSER.getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                String literal = reference.getReference();
                for (Map.Entry<String, Keyed> keyed : KEYED.entrySet()) {
                    if (literal != null && literal.startsWith(keyed.getKey() + "?identifier=" + keyed.getValue().keySystem() + "|")
                            && !literal.contains("&")) {
                        reference.setReference(narrowed(literal, keyed.getKey(), odsCode));
                    }
                }
            }
        }
    }

    /** A conditional URL of a keyed record, narrowed to those of the LA with this ODS code. */
    private static String narrowed(String query, String type, String odsCode) {
        return query + "&" + KEYED.get(type).ownerParameter() + ":Organization.identifier=" + Identifiers.ODS_CODE + "|" + odsCode;
    }
}
