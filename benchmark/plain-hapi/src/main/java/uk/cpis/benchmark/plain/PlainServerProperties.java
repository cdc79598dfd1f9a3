package uk.cpis.benchmark.plain;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plain server's own settings, bound from {@code plain.*}.
 *
 * @param dataDirectory where the embedded H2 database lives (default {@code ./data-plain}); unused when
 *     {@code spring.datasource.url} points at PostgreSQL
 * @param reuseCachedSearchResultsMillis how long HAPI answers a repeated search from the stored result of an
 *     earlier identical one ({@code JpaStorageSettings.setReuseCachedSearchResultsForMillis}); default HAPI's own
 *     default, 60000; 0 or negative turns the reuse off
 */
@ConfigurationProperties("plain")
public record PlainServerProperties(
        @DefaultValue("./data-plain") Path dataDirectory,
        @DefaultValue("60000") long reuseCachedSearchResultsMillis) {}
