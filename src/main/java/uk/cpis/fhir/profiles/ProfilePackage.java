package uk.cpis.fhir.profiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.core.io.ClassPathResource;

/**
 * The NPM FHIR package the build packs from {@code fhir-profiles/package/} (see {@code src/assembly}), read once
 * from the classpath. Its name and version come from its own {@code package.json}.
 *
 * @param bytes the gzipped tar, as published for download
 * @param name the package name ({@code uk.cpis.fhir})
 * @param version the package version
 */
public record ProfilePackage(byte[] bytes, String name, String version) {

    /** Where the build puts the package on the classpath. */
    public static final String CLASSPATH_LOCATION = "cpis-package/cpis-fhir-package.tgz";

    /** Reads and parses the packaged tgz; fails if the build did not produce it. */
    public static ProfilePackage fromClasspath() {
        try (InputStream in = new ClassPathResource(CLASSPATH_LOCATION).getInputStream()) {
            byte[] bytes = in.readAllBytes();
            NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(bytes));
            return new ProfilePackage(bytes, npm.name(), npm.version());
        } catch (IOException e) {
            throw new UncheckedIOException("The CP-IS FHIR package is missing from the classpath: "
                    + CLASSPATH_LOCATION + " (built from fhir-profiles/package by ./mvnw)", e);
        }
    }

    /** The file name under which the package is offered for download. */
    public String fileName() {
        return name + "-" + version + ".tgz";
    }
}
