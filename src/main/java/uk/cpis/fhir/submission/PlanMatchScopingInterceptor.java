package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.access.CallerClaims;
import uk.cpis.fhir.access.CurrentCaller;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.server.StorageInterceptor;
import uk.cpis.fhir.server.HookOrder;

/**
 * Guards each LA's plans from the others: a plan identifier is unique only within the LA that issued it, so the
 * conditional update an LA sends ({@code Flag?identifier=…|P1}) is narrowed to that LA's own plans
 * ({@code &author:Organization.identifier=…|<its ODS code>}, the token's for an LA) before HAPI looks for a match. Without this, two
 * LAs that both number a plan "P1" would overwrite each other's children's flags.
 */
@Interceptor(order = HookOrder.PLAN_MATCH_SCOPING)
public final class PlanMatchScopingInterceptor implements StorageInterceptor {

    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();
    /** The search parameter that names a plan's or flag's LA. */
    private static final Map<String, String> OWNER = Map.of("EpisodeOfCare", EpisodeOfCare.SP_ORGANIZATION, "Flag", Flag.SP_AUTHOR);

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
        caller.ifPresent(ods -> narrowPlanReferences(bundle, ods));
        for (SubmissionBundle.Entry entry : submission.entries()) {
            if (entry.request().getMethod() != Bundle.HTTPVerb.PUT || !entry.request().getUrl().contains("?")) {
                continue;
            }
            if (entry.resource() instanceof Flag flag) {
                caller.or(() -> odsCodeOf(submission, flag.getAuthor()))
                        .ifPresent(ods -> entry.request().setUrl(narrowed(entry.request().getUrl(), "Flag", ods)));
            } else if (entry.resource() instanceof EpisodeOfCare plan) {
                caller.or(() -> odsCodeOf(submission, plan.getManagingOrganization()))
                        .ifPresent(ods -> entry.request().setUrl(narrowed(entry.request().getUrl(), "EpisodeOfCare", ods)));
            }
        }
    }

    /**
     * An LA's conditional references to a plan or flag ({@code EpisodeOfCare?identifier=…|P1}, the way a batch links
     * a Flag to its plan) are narrowed to its own too: another LA's plan "P1" must never be what they resolve to.
     */
    private static void narrowPlanReferences(Bundle bundle, String odsCode) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() == null) {
                continue;
            }
            for (Reference reference : TERSER.getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                String literal = reference.getReference();
                for (String type : OWNER.keySet()) {
                    if (literal != null && literal.startsWith(type + "?identifier=" + Identifiers.LOCAL_AUTHORITY_PLAN + "|")
                            && !literal.contains("&")) {
                        reference.setReference(narrowed(literal, type, odsCode));
                    }
                }
            }
        }
    }

    /** A conditional URL of a plan or flag, narrowed to those of the LA with this ODS code. */
    private static String narrowed(String query, String type, String odsCode) {
        return query + "&" + OWNER.get(type) + ":Organization.identifier=" + Identifiers.ODS_CODE + "|" + odsCode;
    }

    /** The ODS code of the LA a reference names: an Organization entry of the bundle, or a conditional reference. */
    private static Optional<String> odsCodeOf(SubmissionBundle submission, Reference reference) {
        Optional<String> fromEntry = submission.resolve(reference)
                .filter(e -> e.resource() instanceof Organization)
                .flatMap(e -> SubmissionValues.identifier(((Organization) e.resource()).getIdentifier(), Identifiers.ODS_CODE));
        if (fromEntry.isPresent()) {
            return fromEntry;
        }
        String conditional = "Organization?identifier=" + Identifiers.ODS_CODE + "|";
        return reference.hasReference() && reference.getReference().startsWith(conditional)
                ? Optional.of(reference.getReference().substring(conditional.length()))
                : Optional.empty();
    }
}
