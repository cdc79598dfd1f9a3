package uk.cpis.fhir;

import org.springframework.boot.SpringApplication;
import java.util.Arrays;
import uk.cpis.fhir.access.DevelopmentTokenCommand;
import uk.cpis.fhir.filesubmission.SubmitFileCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.elasticsearch.ElasticsearchDataAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the CP-IS FHIR server: a HAPI FHIR JPA R4 server on Spring Boot.
 *
 * <p>Flyway is excluded because HAPI migrates its own schema (see {@code server.SchemaMigrationConfig});
 * Elasticsearch and Thymeleaf arrive on the classpath with HAPI but are not used; HAPI runs its own Quartz
 * schedulers, so Spring Boot's would be a third, idle one.
 */
@SpringBootApplication(
        exclude = {
            FlywayAutoConfiguration.class,
            ElasticsearchClientAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class,
            ElasticsearchDataAutoConfiguration.class,
            ThymeleafAutoConfiguration.class,
            QuartzAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class CpisServerApplication {

    /**
     * Starts the server; {@code token …} instead prints a development token, and {@code submit FILE …} sends an
     * LA's CSV file to a CP-IS server and writes its per-row report (see the README).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            DevelopmentTokenCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("submit")) {
            SubmitFileCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(CpisServerApplication.class, args);
    }
}
