package uk.cpis.fhir.server;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of HAPI's schema migrator, bound from {@code cpis.database.*}.
 *
 * @param driverType the database flavour HAPI writes DDL for ({@code H2_EMBEDDED} by default,
 *     {@code POSTGRES_9_4} in the {@code postgres} profile)
 * @param migrateOnStart create or upgrade the schema before the server starts (default true); when false the
 *     schema is only checked and the server refuses to start if it is out of date
 */
@ConfigurationProperties("cpis.database")
public record SchemaMigrationProperties(
        @DefaultValue("H2_EMBEDDED") DriverTypeEnum driverType, @DefaultValue("true") boolean migrateOnStart) {}
