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
            assertThat(response.body()).as(page).contains("<h1>").contains("<title>").doesNotContain("](");
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
}
