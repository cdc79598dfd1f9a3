package uk.cpis.fhir.guide;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.renderers.Renderer;
import org.hl7.fhir.r5.renderers.RendererFactory;
import org.hl7.fhir.r5.renderers.StructureDefinitionRenderer;
import org.hl7.fhir.r5.renderers.utils.RenderingContext.KnownLinkType;
import org.hl7.fhir.r5.renderers.utils.RenderingContext;
import org.hl7.fhir.r5.renderers.utils.ResourceWrapper;
import org.hl7.fhir.utilities.MarkDownProcessor;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.hl7.fhir.utilities.validation.ValidationOptions;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlComposer;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.springframework.web.util.HtmlUtils;
import uk.cpis.fhir.profiles.ProfilePackage;

/**
 * The guide's page of each conformance resource and each example of the package, rendered by HL7's own renderers
 * (the code HL7's IG Publisher renders with, from the validator libraries): a profile's element table with its
 * must-support flags, bindings and constraints, a value set's content, a code system's codes, a search parameter
 * or operation definition, an example's narrative; each with its JSON. Built from the published package alone,
 * once, on first use (rendering takes seconds, which a server start should not wait for).
 */
final class ArtifactPages {

    /** One page: its file name ("StructureDefinition-cpis-flag"), title, kind, and the HTML of its main part. */
    record Artifact(String name, String title, String kind, boolean example, String body) {}

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** Where an artifact's page is: "StructureDefinition-cpis-flag" is at /ig/artifacts/StructureDefinition-cpis-flag.html. */
    static String pathOf(String name) {
        return "/ig/artifacts/" + name + ".html";
    }

    private final ProfilePackage profilePackage;
    private volatile Map<String, Artifact> artifacts;

    ArtifactPages(ProfilePackage profilePackage) {
        this.profilePackage = profilePackage;
    }

    /** Every artifact, definitions then examples, in the package's order. */
    List<Artifact> all() {
        return List.copyOf(rendered().values());
    }

    Optional<Artifact> artifact(String name) {
        return Optional.ofNullable(rendered().get(name));
    }

    private Map<String, Artifact> rendered() {
        Map<String, Artifact> built = artifacts;
        if (built == null) {
            synchronized (this) {
                if (artifacts == null) {
                    artifacts = render();
                }
                built = artifacts;
            }
        }
        return built;
    }

    private Map<String, Artifact> render() {
        try {
            NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(profilePackage.bytes()));
            NpmPackageValidationSupport cpis = new NpmPackageValidationSupport(FHIR);
            cpis.loadPackageFromClasspath("classpath:/" + ProfilePackage.CLASSPATH_LOCATION);
            ValidationSupportChain chain = new ValidationSupportChain(cpis, new DefaultProfileValidationSupport(FHIR),
                    new CommonCodeSystemsTerminologyService(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR));
            RenderingContext context = new RenderingContext(new RenderingWorkerContext(chain),
                    new MarkDownProcessor(MarkDownProcessor.Dialect.COMMON_MARK), ValidationOptions.defaults(),
                    GuideLinks.R4, "", Locale.UK, RenderingContext.ResourceRendererMode.TECHNICAL,
                    RenderingContext.GenerationRules.IG_PUBLISHER);
            // Images as data: URIs where the table generator has their bytes; the IG Publisher's icon files are in no
            // library the build has (pointLinksAtThisGuide drops the references to them).
            context.setInlineGraphics(true);
            context.setDestDir(Files.createTempDirectory("cpis-guide-render").toString());
            context.setPkp(new GuideLinks());
            Map<String, Artifact> pages = new LinkedHashMap<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (String folder : List.of("package", "example")) {
                npm.list(folder).stream().filter(ArtifactPages::isResourceFile)
                        .forEach(file -> names.add(file.substring(0, file.length() - ".json".length())));
            }
            for (String folder : List.of("package", "example")) {
                for (String file : npm.list(folder)) {
                    if (!isResourceFile(file)) {
                        continue;
                    }
                    String json;
                    try (InputStream in = npm.load(folder, file)) {
                        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    Artifact page = page(context, chain, file.substring(0, file.length() - ".json".length()), json,
                            folder.equals("example"), names);
                    pages.put(page.name(), page);
                }
            }
            return Collections.unmodifiableMap(pages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value set's codes as HAPI's terminology expands it, rendered as HL7's renderer draws an expansion. */
    private static String expansion(RenderingContext context, ValidationSupportChain terminology,
            org.hl7.fhir.r4.model.ValueSet valueSet, java.util.Set<String> names) throws Exception {
        var outcome = terminology.expandValueSet(new ca.uhn.fhir.context.support.ValidationSupportContext(terminology),
                new ca.uhn.fhir.context.support.ValueSetExpansionOptions(), valueSet);
        if (outcome == null || outcome.getValueSet() == null) {
            return "\n<h3 id=\"expansion\">Expansion</h3>\n<p>Not expanded here: "
                    + HtmlUtils.htmlEscape(outcome == null ? "no terminology support for it" : String.valueOf(outcome.getError()))
                    + "</p>";
        }
        org.hl7.fhir.r5.model.Resource expanded = VersionConvertorFactory_40_50.convertResource(
                (org.hl7.fhir.r4.model.Resource) outcome.getValueSet());
        ResourceWrapper wrapper = ResourceWrapper.forResource(context, expanded);
        XhtmlNode table = RendererFactory.factory(wrapper, context).buildNarrative(wrapper);
        pointLinksAtThisGuide(table, names);
        return "\n<h3 id=\"expansion\">Expansion</h3>\n" + new XhtmlComposer(false, true).compose(table);
    }

    private static boolean isResourceFile(String file) {
        return file.endsWith(".json") && !file.startsWith(".") && !file.equals("package.json");
    }

    private static Artifact page(RenderingContext context, ValidationSupportChain terminology, String name,
            String json, boolean example, java.util.Set<String> names) {
        org.hl7.fhir.r4.model.Resource r4 = (org.hl7.fhir.r4.model.Resource) FHIR.newJsonParser().parseResource(json);
        String title = titleOf(r4, name);
        String rendered;
        try {
            org.hl7.fhir.r5.model.Resource r5 = VersionConvertorFactory_40_50.convertResource(r4);
            ResourceWrapper wrapper = ResourceWrapper.forResource(context, r5);
            XhtmlNode narrative = RendererFactory.factory(wrapper, context).buildNarrative(wrapper);
            pointLinksAtThisGuide(narrative, names);
            rendered = new XhtmlComposer(false, true).compose(narrative);
            if (r4 instanceof org.hl7.fhir.r4.model.ValueSet valueSet) {
                rendered += expansion(context, terminology, valueSet, names);
            }
            if (r5 instanceof StructureDefinition profile && profile.hasSnapshot()) {
                // The narrative's table is the differential (what the profile changes); the snapshot is the whole.
                XhtmlNode snapshot = new StructureDefinitionRenderer(context).generateTable(
                        new Renderer.RenderingStatus(), context.getDefinitionsTarget(), profile, false,
                        context.getDestDir(), false, profile.getId(), true, context.getLink(KnownLinkType.SPEC, false),
                        "", profile.getKind() == StructureDefinition.StructureDefinitionKind.LOGICAL, false, null, false,
                        context.withUniqueLocalPrefix("s"), "s", wrapper, "S");
                pointLinksAtThisGuide(snapshot, names);
                rendered = "<h3 id=\"differential\">Differential: what this profile changes</h3>\n" + rendered
                        + "\n<h3 id=\"snapshot\">Snapshot: every element</h3>\n" + new XhtmlComposer(false, true).compose(snapshot);
            }
        } catch (Exception | Error e) {
            // A renderer that fails leaves the page with its JSON, and says so, rather than no page.
            rendered = "<p>(HL7's renderer could not render this resource: " + HtmlUtils.htmlEscape(String.valueOf(e.getMessage())) + ")</p>";
        }
        String body = "<h1 id=\"top\">" + HtmlUtils.htmlEscape(title) + "</h1>\n"
                + "<p>" + r4.fhirType() + (example ? " example" : "") + " · <a href=\"/ig/package.tgz\">package</a> · "
                + "<a href=\"/ig/artifacts.html\">all artifacts</a></p>\n"
                + "<h2 id=\"rendered\">" + (example ? "Narrative" : "Content") + "</h2>\n" + rendered + "\n"
                + "<h2 id=\"json\">JSON</h2>\n<pre>" + HtmlUtils.htmlEscape(FHIR.newJsonParser().setPrettyPrint(true)
                        .encodeResourceToString(r4)) + "</pre>\n";
        return new Artifact(name, title, r4.fhirType(), example, body);
    }

    /**
     * The renderers write links as the IG Publisher lays a guide out: icons beside each page ({@code tbl_vjoin.png},
     * files no library here carries) and references as {@code Type/id}. Icons without their file are left out (the
     * table reads the same without its tree lines); a reference to an example of the package points at its page
     * here, and any other relative link (a reference to a record no example holds) is left as text.
     */
    private static void pointLinksAtThisGuide(XhtmlNode node, java.util.Set<String> names) {
        if (node.getNodeType() == NodeType.Element) {
            String src = node.getAttribute("src");
            if ("img".equals(node.getName()) && src != null && !src.startsWith("data:") && !src.startsWith("http")) {
                node.getAttributes().remove("src");
                node.setAttribute("alt", "");
            }
            String href = node.getAttribute("href");
            if ("a".equals(node.getName()) && href != null && !href.startsWith("#") && !href.startsWith("/ig/")
                    && !href.startsWith("http:") && !href.startsWith("https:")) {
                String[] typeAndId = href.split("/");
                if (typeAndId.length == 2 && names.contains(typeAndId[0] + "-" + typeAndId[1])) {
                    node.setAttribute("href", pathOf(typeAndId[0] + "-" + typeAndId[1]));
                } else {
                    node.getAttributes().remove("href");
                }
            }
        }
        if (node.hasChildren()) {
            node.getChildNodes().forEach(child -> pointLinksAtThisGuide(child, names));
        }
    }

    private static String titleOf(org.hl7.fhir.r4.model.Resource resource, String fallback) {
        var definition = FHIR.getResourceDefinition(resource);
        for (String element : List.of("title", "name")) {
            if (definition.getChildByName(element) == null) {
                continue;
            }
            var values = FHIR.newTerser().getValues(resource, element);
            if (!values.isEmpty() && values.get(0) instanceof org.hl7.fhir.r4.model.PrimitiveType<?> value
                    && value.hasValue()) {
                return value.getValueAsString();
            }
        }
        return fallback;
    }

    /** The artifacts index: definitions by kind, then examples. */
    String index() {
        StringBuilder html = new StringBuilder("<h1 id=\"artifacts\">Artifacts</h1>\n<p>Every conformance resource and"
                + " example of the package <code>uk.cpis.fhir</code>, rendered by HL7's renderers.</p>\n");
        Map<String, List<Artifact>> byKind = new LinkedHashMap<>();
        for (Artifact artifact : all()) {
            byKind.computeIfAbsent(artifact.example() ? "Examples" : artifact.kind(), k -> new ArrayList<>()).add(artifact);
        }
        byKind.forEach((kind, list) -> {
            html.append("<h2 id=\"").append(kind).append("\">").append(kind).append("</h2>\n<ul>\n");
            list.forEach(a -> html.append("<li><a href=\"").append(pathOf(a.name())).append("\">")
                    .append(HtmlUtils.htmlEscape(a.title())).append("</a> (").append(a.name()).append(")</li>\n"));
            html.append("</ul>\n");
        });
        return html.toString();
    }
}
