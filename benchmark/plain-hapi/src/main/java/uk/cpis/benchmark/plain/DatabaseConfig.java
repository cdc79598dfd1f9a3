package uk.cpis.benchmark.plain;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.util.VersionEnum;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The database: HAPI's schema (created or upgraded by HAPI's own migrator at start) and HAPI's JPA persistence
 * unit on Spring Boot's {@link DataSource}.
 *
 * <p>H2 or PostgreSQL is read off {@code spring.datasource.url}, so a {@code jdbc:postgresql:} URL on the command
 * line is all it takes to switch: it picks the migrator's DDL flavour and HAPI's Hibernate dialect.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    static final String SCHEMA_MIGRATOR = "plainSchemaMigrator";

    /** The two databases the benchmark runs on. */
    enum Database {
        H2(DriverTypeEnum.H2_EMBEDDED, HapiFhirH2Dialect.class),
        POSTGRES(DriverTypeEnum.POSTGRES_9_4, HapiFhirPostgresDialect.class);

        final DriverTypeEnum driverType;
        final Class<?> dialect;

        Database(DriverTypeEnum driverType, Class<?> dialect) {
            this.driverType = driverType;
            this.dialect = dialect;
        }

        static Database of(DataSourceProperties dataSource) {
            String url = dataSource.determineUrl();
            return url != null && url.startsWith("jdbc:postgresql:") ? POSTGRES : H2;
        }
    }

    /**
     * HAPI's migrator rather than Hibernate's {@code hbm2ddl}: it is how a HAPI server gets its schema (the CP-IS
     * server does the same), with the indexes HAPI's queries expect, and it is a no-op on a restart.
     */
    @Bean(SCHEMA_MIGRATOR)
    SchemaMigrator plainSchemaMigrator(DataSource dataSource, DataSourceProperties dataSourceProperties) {
        DriverTypeEnum driverType = Database.of(dataSourceProperties).driverType;
        HapiMigrationStorageSvc storage = new HapiMigrationStorageSvc(
                new HapiMigrationDao(dataSource, driverType, SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME));
        SchemaMigrator migrator = new SchemaMigrator(
                "plain HAPI schema",
                SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME,
                dataSource,
                new Properties(),
                new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()),
                storage);
        migrator.setDriverType(driverType);
        migrator.createMigrationTableIfRequired();
        migrator.migrate();
        return migrator;
    }

    @Bean
    @Primary
    @DependsOn(SCHEMA_MIGRATOR)
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            JpaProperties jpaProperties,
            DataSourceProperties dataSourceProperties,
            DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        Map<String, Object> properties = new HashMap<>(jpaProperties.getProperties());
        properties.putIfAbsent(AvailableSettings.DIALECT, Database.of(dataSourceProperties).dialect.getName());
        // The schema is the migrator's; Hibernate must not touch it.
        properties.put(AvailableSettings.HBM2DDL_AUTO, "none");
        // Hibernate Search (HAPI's full-text indexing) would need a Lucene directory or Elasticsearch; the
        // benchmark's searches are by token and reference, and the CP-IS server runs without it too.
        properties.put("hibernate.search.enabled", "false");
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaPropertyMap(properties);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Bean
    @Primary
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
