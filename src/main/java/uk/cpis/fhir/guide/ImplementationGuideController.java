package uk.cpis.fhir.guide;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.cpis.fhir.profiles.ProfilePackage;

/** Serves the implementation guide's pages and the package download. */
@RestController
class ImplementationGuideController {

    private static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

    private final GuidePageRenderer pages;
    private final ProfilePackage profilePackage;

    ImplementationGuideController(GuidePageRenderer pages, ProfilePackage profilePackage) {
        this.pages = pages;
        this.profilePackage = profilePackage;
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
