package uk.cpis.fhir.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR endpoint, bound from {@code cpis.server.*} (see {@code config/application.yaml}).
 *
 * @param dataDirectory where the embedded database and other local state live (default {@code ./data})
 * @param defaultPageSize search results per page when the client gives no {@code _count} (default 20)
 * @param maxPageSize the largest {@code _count} honoured (default 100)
 * @param publicBaseUrl the base URL clients see, when the server sits behind a proxy; empty means
 *     "as the request arrived"
 */
@ConfigurationProperties("cpis.server")
public record FhirServerProperties(
        @DefaultValue("./data") Path dataDirectory,
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("") String publicBaseUrl) {}
