package uk.cpis.fhir.server;

import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates or upgrades the database schema with HAPI's own migration tasks before JPA starts.
 *
 * <p>HAPI's migrator, not Hibernate's {@code hbm2ddl} nor Spring's Flyway, because it is how HAPI
 * upgrades a production schema between releases: it records each applied step in {@code FLY_HFJ_MIGRATION},
 * takes a lock so two nodes do not migrate at once, and works on an empty database as on an existing one.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaMigrationConfig {

    /** Bean name the entity manager factory waits for. */
    public static final String SCHEMA_MIGRATOR = "cpisSchemaMigrator";

    @Bean(SCHEMA_MIGRATOR)
    SchemaMigrator cpisSchemaMigrator(DataSource dataSource, SchemaMigrationProperties settings) {
        HapiMigrationStorageSvc storage = new HapiMigrationStorageSvc(new HapiMigrationDao(
                dataSource, settings.driverType(), SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME));
        MigrationTaskList tasks = new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values());
        SchemaMigrator migrator = new SchemaMigrator(
                "CP-IS FHIR schema",
                SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME,
                dataSource,
                new Properties(),
                tasks,
                storage);
        migrator.setDriverType(settings.driverType());
        if (settings.migrateOnStart()) {
            migrator.createMigrationTableIfRequired();
            migrator.migrate();
        }
        migrator.validate();
        return migrator;
    }
}
