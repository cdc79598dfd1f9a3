package uk.cpis.fhir.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;

/** The guide's pages are readable in a browser at /ig/, with working links to pages, examples and profiles. */
class ImplementationGuidePagesIT extends SharedFhirServer {

    private static final List<String> PAGES =
            List.of("index", "la-submission", "clinician-lookup", "integrator", "data-mapping", "security");

    @Test
    void startsAtTheOverviewPage() throws Exception {
        HttpResponse<String> response = HttpCalls.get(baseUrl() + "/ig/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/ig/pages/index.html");
    }

    @Test
    void servesEveryPageAsHtmlWithItsTitle() throws Exception {
        for (String page : PAGES) {
            HttpResponse<String> response = HttpCalls.get(baseUrl() + "/ig/pages/" + page + ".html");

            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).as(page).containsPattern("<h1 id=\"[a-z0-9-]+\">").contains("<title>")
                    .doesNotContain("](");
        }
    }

    @Test
    void linksBetweenPagesPointAtTheHtmlPages() throws Exception {
        String overview = HttpCalls.get(baseUrl() + "/ig/pages/index.html").body();

        assertThat(overview).contains("href=\"la-submission.html").doesNotContain(".md\"");
    }

    @Test
    void linksToExamplesAndProfilesResolveOnThisServer() throws Exception {
        String integrator = HttpCalls.get(baseUrl() + "/ig/pages/integrator.html").body()
                + HttpCalls.get(baseUrl() + "/ig/pages/index.html").body();
        List<String> hrefs = java.util.regex.Pattern.compile("href=\"([^\"]+)\"")
                .matcher(integrator)
                .results()
                .map(m -> m.group(1).replace("&amp;", "&"))
                .filter(href -> href.startsWith("../examples/") || href.startsWith("/fhir/"))
                .distinct()
                .toList();
        assertThat(hrefs).isNotEmpty();

        for (String href : hrefs) {
            String url = href.startsWith("../") ? baseUrl() + "/ig/" + href.substring(3) : baseUrl() + href;
            HttpResponse<String> response = HttpCalls.get(url);
            assertThat(response.statusCode()).as(href).isEqualTo(200);
            assertThat(response.body()).as(href).contains("\"resourceType\"");
            if (href.startsWith("/fhir/")) {
                assertThat(response.body()).as(href).contains("\"total\":1");
            }
        }
    }

    @Test
    void answersAnUnknownPageWith404() throws Exception {
        assertThat(HttpCalls.get(baseUrl() + "/ig/pages/no-such-page.html").statusCode()).isEqualTo(404);
    }

    /** Every page of the guide reachable from /ig/ by its links, each link (and image) on it answered with 200. */
    @Test
    void everyLinkOnEveryPageAnswers() throws Exception {
        java.util.Deque<String> toVisit = new java.util.ArrayDeque<>(List.of("/ig/pages/index.html"));
        java.util.Set<String> visited = new java.util.LinkedHashSet<>();
        java.util.Map<String, String> brokenFrom = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("(?:href|src)=\"([^\"#]+)[^\"]*\"");
        while (!toVisit.isEmpty()) {
            String path = toVisit.pop();
            if (!visited.add(path)) {
                continue;
            }
            HttpResponse<String> response = HttpCalls.get(baseUrl() + path);
            if (response.statusCode() != 200) {
                brokenFrom.putIfAbsent(path, String.valueOf(response.statusCode()));
                continue;
            }
            if (!path.endsWith(".html")) {
                continue; // an example's JSON, the package: answered, not crawled
            }
            for (String href : link.matcher(response.body()).results().map(m -> m.group(1).replace("&amp;", "&")).toList()) {
                if (href.startsWith("http:") || href.startsWith("https:") || href.startsWith("data:")
                        || href.startsWith("mailto:")) {
                    continue; // outside this server (FHIR's specification, HL7's guidance)
                }
                String target = java.net.URI.create(baseUrl() + path).resolve(href).getPath();
                if (!visited.contains(target)) {
                    toVisit.add(target);
                }
            }
        }
        assertThat(brokenFrom).as("pages or links that did not answer 200").isEmpty();
        // From the overview: the artifacts page, and on it every definition and example of the package.
        assertThat(visited).contains("/ig/artifacts.html", "/ig/artifacts/StructureDefinition-cpis-flag.html",
                "/ig/artifacts/ValueSet-cpis-plan-type.html", "/ig/artifacts/OperationDefinition-cpis-access-history.html",
                "/ig/artifacts/Flag-cpis-flag-cpp-1.html", "/ig/package.tgz");
        assertThat(visited.stream().filter(p -> p.startsWith("/ig/artifacts/"))).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void showsAProfilesElementsWithTheirMustSupportFlagsConstraintsAndBindings() throws Exception {
        HttpResponse<String> flag = HttpCalls.get(baseUrl() + "/ig/artifacts/StructureDefinition-cpis-flag.html");

        assertThat(flag.statusCode()).isEqualTo(200);
        assertThat(flag.body()).contains("extension:plan").contains("cpis-flag-1")
                .contains("/ig/artifacts/ValueSet-cpis-plan-type.html").contains("<h2 id=\"json\">JSON</h2>")
                .contains("id=\"differential\"").contains("id=\"snapshot\"")
                // The snapshot has the elements the profile leaves as the base has them, too.
                .contains("Flag.implicitRules");
        HttpResponse<String> planTypes = HttpCalls.get(baseUrl() + "/ig/artifacts/ValueSet-cpis-plan-type.html");
        assertThat(planTypes.body()).contains("342191000000101").contains("id=\"expansion\"")
                .doesNotContain("Not expanded here");
        assertThat(HttpCalls.get(baseUrl() + "/ig/artifacts/StructureDefinition-no-such.html").statusCode()).isEqualTo(404);
    }
}
