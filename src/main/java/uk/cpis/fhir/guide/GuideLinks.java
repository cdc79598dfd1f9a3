package uk.cpis.fhir.guide;

import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.Locale;
import org.hl7.fhir.r5.conformance.profile.BindingResolution;
import org.hl7.fhir.r5.conformance.profile.ProfileKnowledgeProvider;
import org.hl7.fhir.r5.model.ElementDefinition;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.model.StructureDefinition;
import uk.cpis.fhir.contract.CpisContract;

/**
 * Where the HL7 renderers' links point on the guide's artifact pages: CP-IS's own definitions to their page
 * here ({@code /ig/artifacts/<Type>-<id>.html}), FHIR's types and everything else to the R4 specification.
 */
final class GuideLinks implements ProfileKnowledgeProvider {

    static final String R4 = "http://hl7.org/fhir/R4/";
    /** The kinds of CP-IS canonical resource that have a page (the package holds only these). */
    private static boolean hasPage(String type) {
        return CpisContract.CONFORMANCE_TYPES.contains(type) || type.equals("ImplementationGuide");
    }
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** The guide's page of a CP-IS canonical URL ("https://fhir.cpis.uk/ValueSet/x"), or null for another. */
    static String pageOf(String canonical) {
        String base = CpisContract.CANONICAL_BASE + "/";
        if (canonical == null || !canonical.startsWith(base)) {
            return null;
        }
        String[] typeAndId = canonical.substring(base.length()).split("\\|")[0].split("/");
        return typeAndId.length == 2 && hasPage(typeAndId[0])
                ? ArtifactPages.pathOf(typeAndId[0] + "-" + typeAndId[1])
                : null; // an identifier system (…/Id/…) names no page
    }

    @Override
    public boolean isDatatype(String typeName) {
        BaseRuntimeElementDefinition<?> definition = FHIR.getElementDefinition(typeName);
        return definition != null && !isResource(typeName);
    }

    @Override
    public boolean isPrimitiveType(String typeName) {
        BaseRuntimeElementDefinition<?> definition = FHIR.getElementDefinition(typeName);
        return definition != null && definition.getChildType() == BaseRuntimeElementDefinition.ChildTypeEnum.PRIMITIVE_DATATYPE;
    }

    @Override
    public boolean isResource(String typeName) {
        return FHIR.getResourceTypes().contains(typeName);
    }

    @Override
    public boolean hasLinkFor(String typeSimple) {
        return isResource(typeSimple) || isDatatype(typeSimple);
    }

    @Override
    public String getLinkFor(String corePath, String typeSimple) {
        if (isResource(typeSimple)) {
            return R4 + typeSimple.toLowerCase(Locale.ROOT) + ".html";
        }
        return R4 + "datatypes.html#" + typeSimple;
    }

    @Override
    public BindingResolution resolveBinding(StructureDefinition profile,
            ElementDefinition.ElementDefinitionBindingComponent binding, String path) {
        return resolveBinding(profile, binding.getValueSet(), path);
    }

    @Override
    public BindingResolution resolveBinding(StructureDefinition profile, String url, String path) {
        String page = pageOf(url);
        if (page != null) {
            return new BindingResolution(url.substring(url.lastIndexOf('/') + 1).split("\\|")[0], page);
        }
        BindingResolution external = new BindingResolution(url, url);
        external.external = true;
        return external;
    }

    @Override
    public String getLinkForProfile(StructureDefinition profile, String url) {
        String page = pageOf(url);
        String name = url == null ? "" : url.substring(url.lastIndexOf('/') + 1);
        return page != null ? page + "|" + name : null;
    }

    @Override
    public boolean prependLinks() {
        return false;
    }

    @Override
    public String getLinkForUrl(String corePath, String url) {
        return pageOf(url);
    }

    @Override
    public String getCanonicalForDefaultContext() {
        return CpisContract.CANONICAL_BASE;
    }

    @Override
    public String getDefinitionsName(Resource resource) {
        return null;
    }
}
