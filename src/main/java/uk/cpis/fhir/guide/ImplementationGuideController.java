package uk.cpis.fhir.guide;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.cpis.fhir.profiles.ProfilePackage;

/** Serves the implementation guide's pages, a page per artifact and example of the package, and the package. */
@RestController
class ImplementationGuideController {

    private static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

    private final GuidePageRenderer pages;
    private final ProfilePackage profilePackage;
    private final ArtifactPages artifacts;

    ImplementationGuideController(GuidePageRenderer pages, ProfilePackage profilePackage) {
        this.pages = pages;
        this.profilePackage = profilePackage;
        this.artifacts = new ArtifactPages(profilePackage);
    }

    @GetMapping("/ig/artifacts.html")
    ResponseEntity<String> artifacts() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                .body(GuidePageRenderer.wrap("Artifacts and examples", artifacts.index()));
    }

    @GetMapping("/ig/artifacts/{name}.html")
    ResponseEntity<String> artifact(@PathVariable String name) {
        return artifacts.artifact(name)
                .map(page -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                        .body(GuidePageRenderer.wrap(page.title(), page.body())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping({"/ig", "/ig/"})
    ResponseEntity<Void> start() {
        return ResponseEntity.status(302).header(HttpHeaders.LOCATION, "/ig/pages/index.html").build();
    }

    @GetMapping("/ig/pages/{name}.html")
    ResponseEntity<String> page(@PathVariable String name) {
        return pages.page(name)
                .map(html -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/ig/package.tgz")
    ResponseEntity<byte[]> packageDownload() {
        return ResponseEntity.ok()
                .contentType(GZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(profilePackage.fileName())
                        .build()
                        .toString())
                .body(profilePackage.bytes());
    }
}
