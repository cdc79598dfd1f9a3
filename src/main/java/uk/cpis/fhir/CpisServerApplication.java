package uk.cpis.fhir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.elasticsearch.ElasticsearchDataAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the CP-IS FHIR server: a HAPI FHIR JPA R4 server on Spring Boot.
 *
 * <p>Flyway is excluded because HAPI migrates its own schema (see {@code server.SchemaMigrationConfig});
 * Elasticsearch and Thymeleaf arrive on the classpath with HAPI but are not used.
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
public class CpisServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CpisServerApplication.class, args);
    }
}
