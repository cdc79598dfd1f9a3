package uk.cpis.benchmark.plain;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.elasticsearch.ElasticsearchDataAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the plain HAPI FHIR 8.8.0 JPA R4 server that {@code scripts/benchmark.py} measures the CP-IS
 * server against: HAPI's JPA storage and REST server with HAPI's defaults, and nothing of CP-IS (no profiles,
 * validation, access control, audit or interceptors of its own).
 *
 * <p>Settings (in {@code plain-hapi.yaml}, or {@code --key=value}): {@code --server.port}, {@code --plain.data-directory} (where the H2 file
 * database lives, the default), {@code --spring.datasource.url/username/password} (a {@code jdbc:postgresql:}
 * URL switches to PostgreSQL) and {@code --plain.reuse-cached-search-results-millis}; see
 * {@link PlainServerProperties}.
 *
 * <p>Flyway is excluded because HAPI migrates its own schema ({@link DatabaseConfig}); Elasticsearch and
 * Thymeleaf arrive on the classpath with HAPI but are not used (the CP-IS server excludes the same).
 */
@SpringBootApplication(
        exclude = {
            FlywayAutoConfiguration.class,
            ElasticsearchClientAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class,
            ElasticsearchDataAutoConfiguration.class,
            ThymeleafAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class PlainHapiServerApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PlainHapiServerApplication.class);
        // Settings are read from plain-hapi.yaml, not application.yaml: started from the CP-IS project's directory,
        // Spring Boot would otherwise also load CP-IS's ./config/application.yaml (its database among others).
        application.setDefaultProperties(Map.of("spring.config.name", "plain-hapi"));
        application.run(args);
    }
}
