package uk.cpis.fhir.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.util.HtmlUtils;
import uk.cpis.fhir.contract.CpisContract;

/**
 * Renders the guide's Markdown pages ({@code implementation-guide/pages/*.md} on the classpath) to HTML once, at
 * startup. Links between pages ({@code x.md}) become {@code x.html}; links to canonical URLs, which are names
 * rather than addresses, become searches of this server ({@code /fhir/StructureDefinition?url=…}).
 */
public final class GuidePageRenderer {

    private static final String PAGES = "classpath:/implementation-guide/pages/*.md";
    private static final List<org.commonmark.Extension> EXTENSIONS =
            List.of(TablesExtension.create(), org.commonmark.ext.heading.anchor.HeadingAnchorExtension.create());

    private final Map<String, String> htmlByName;

    private GuidePageRenderer(Map<String, String> htmlByName) {
        this.htmlByName = htmlByName;
    }

    /** Reads and renders every page found on the classpath. */
    public static GuidePageRenderer renderAll() {
        Parser parser = Parser.builder().extensions(EXTENSIONS).build();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if (node instanceof Link && attributes.containsKey("href")) {
                        attributes.put("href", localHref(attributes.get("href")));
                    }
                })
                .build();
        Map<String, String> pages = new TreeMap<>();
        try {
            for (Resource page : new PathMatchingResourcePatternResolver().getResources(PAGES)) {
                String name = page.getFilename().replaceFirst("\\.md$", "");
                Node document = parser.parse(page.getContentAsString(StandardCharsets.UTF_8));
                pages.put(name, wrap(titleOf(document, name), renderer.render(document)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the implementation guide pages", e);
        }
        return new GuidePageRenderer(pages);
    }

    /** The rendered page, if there is one of that name (without extension). */
    public Optional<String> page(String name) {
        return Optional.ofNullable(htmlByName.get(name));
    }

    static String localHref(String href) {
        if (href.startsWith(CpisContract.CANONICAL_BASE + "/")) {
            String path = href.substring(CpisContract.CANONICAL_BASE.length() + 1);
            int slash = path.indexOf('/');
            if (slash > 0) {
                return "/fhir/" + path.substring(0, slash) + "?url=" + href;
            }
        }
        if (!href.contains("://")) {
            return href.replaceFirst("\\.md(#|$)", ".html$1");
        }
        return href;
    }

    private static String titleOf(Node document, String fallback) {
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading && heading.getFirstChild() instanceof Text text) {
                return text.getLiteral();
            }
        }
        return fallback;
    }

    /** A page of the guide: its title, the guide's navigation, and the body's HTML. */
    static String wrap(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>%s — CP-IS implementation guide</title>
                <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}
                table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left}
                pre{background:#f4f4f4;padding:1em;overflow-x:auto}code{background:#f4f4f4}</style>
                </head><body>
                <nav><a href="/ig/pages/index.html">Overview</a> · <a href="/ig/pages/la-submission.html">LA submission</a> ·
                <a href="/ig/pages/clinician-lookup.html">Clinician lookup</a> · <a href="/ig/pages/integrator.html">Integrators</a> ·
                <a href="/ig/pages/data-mapping.html">Data mapping</a> · <a href="/ig/pages/security.html">Security and audit</a> ·
                <a href="/ig/artifacts.html">Artifacts and examples</a> · <a href="/ig/package.tgz">Package</a></nav>
                <main>
                %s</main>
                </body></html>
                """
                .formatted(HtmlUtils.htmlEscape(title), body);
    }
}
