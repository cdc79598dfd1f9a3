package uk.cpis.benchmark.plain;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
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
 * HAPI's JPA R4 storage layer (DAOs for all resource types, search, transactions, batch jobs) with HAPI's default
 * storage settings, except the search-result reuse window, which the benchmark varies.
 *
 * <p>These are the configuration classes a HAPI JPA server needs at the least; the CP-IS server imports the same
 * ones. {@link SubscriptionChannelConfig} is not for subscriptions (there are none here): HAPI's batch framework
 * sends its work over the subscription channel infrastructure.
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
public class JpaConfig {

    @Bean
    JpaStorageSettings storageSettings(PlainServerProperties settings) {
        JpaStorageSettings storage = new JpaStorageSettings();
        long reuse = settings.reuseCachedSearchResultsMillis();
        // HAPI reads null as "never reuse"; 0 would instead mean a window of no length.
        storage.setReuseCachedSearchResultsForMillis(reuse > 0 ? reuse : null);
        return storage;
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }
}
