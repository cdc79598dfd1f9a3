package uk.cpis.fhir.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.SearchParameter;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * HAPI's JPA R4 storage layer (DAOs, search, transactions, batch jobs) and the storage rules CP-IS runs with.
 *
 * <p>{@link SubscriptionChannelConfig} is imported because HAPI's batch framework sends its work over the
 * subscription channel infrastructure.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class,
    ThreadPoolFactoryConfig.class
})
public class JpaServerConfig {

    /** Static: it edits bean definitions, so it must exist before any of them is made. */
    @Bean
    static UnstoredTypeBeanRemoval unstoredTypeBeanRemoval() {
        return new UnstoredTypeBeanRemoval();
    }

    @Bean
    JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // A reference must point at a stored resource: no placeholders, no references off this server.
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setAllowExternalReferences(false);
        // Records about children are removed by the retention job, never in bulk by a client.
        settings.setAllowMultipleDelete(false);
        settings.setExpungeEnabled(false);
        settings.setDeleteExpungeEnabled(false);
        // Substring searches invite "fishing"; CP-IS looks children up by exact identifiers.
        settings.setAllowContainsSearches(false);
        // Nor does anyone search codes by their display text (":text", refused by the access policy to every role
        // but admin): HAPI would otherwise index each coding's display as a string too, a row more per coding
        // with a display (each lookup's AuditEvent has one). A ":text" search is refused (405).
        settings.setSuppressStringIndexingInTokens(true);
        // The CP-IS package is installed at startup while its definitions are still 'draft' (version 0.x);
        // HAPI otherwise stores only 'active' ones and would silently skip the profiles.
        settings.setValidateResourceStatusForPackageUpload(false);
        // CP-IS value sets are small enumerations, expanded in memory when validating; HAPI's pre-expansion
        // into the database needs Hibernate Search, which is off (see PersistenceConfig).
        settings.setPreExpandValueSets(false);
        settings.setEnableTaskPreExpandValueSets(false);
        // Every search runs afresh: a cached result would hide a flag just submitted, a notification just sent
        // or an AuditEvent just written for up to a minute (HAPI's default reuse window).
        settings.setReuseCachedSearchResultsForMillis(null);
        // A record's tags and profiles are stored once, with the record, not copied again with each version: each
        // lookup's two audit records, and each stored version of a record that claims a profile, write one row
        // fewer. An earlier version then shows the record's current tags and profiles; only an admin may read one
        // (history and vread are refused to every other role). Safe on a database written before: HAPI writes the
        // record's own tag rows in both modes, and this mode reads those.
        settings.setTagStorageMode(JpaStorageSettings.TagStorageModeEnum.NON_VERSIONED);
        // Index rows are found by their hashes alone, so the parameter name and resource type HAPI otherwise also
        // writes into each are left out: narrower rows in the tables that grow by a dozen rows with every lookup.
        // Rows written before keep theirs and are still found (the hashes are the same); HAPI rewrites a
        // record's old rows the next time the record is updated.
        settings.setIndexStorageOptimized(true);
        return settings;
    }

    @Bean
    UnsearchedParameterRetirement unsearchedParameterRetirement(
            FhirContext fhirContext, IFhirResourceDao<SearchParameter> searchParameterDao, ISearchParamRegistry registry) {
        return new UnsearchedParameterRetirement(fhirContext, searchParameterDao, registry);
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }
}
