package uk.cpis.fhir.server;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import org.hl7.fhir.r4.model.OperationDefinition;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR REST endpoint at {@code /fhir}: HAPI's {@link RestfulServer} over the JPA resource providers, and the
 * interceptors that turn database failures into retryable answers and page lookups by offset (registered, like
 * every CP-IS interceptor, by {@link InterceptorRegistration}).
 */
@Configuration(proxyBeanMethods = false)
public class FhirEndpointConfig {

    static final String FHIR_PATH = "/fhir/*";

    @Bean
    RestfulServer fhirRestfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            ValueSetOperationProvider valueSetOperations,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            IFhirResourceDao<OperationDefinition> operationDefinitions,
            FhirServerProperties settings) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        // Only the served types: HAPI's internal ones (ServedResourceTypes.INTERNAL) keep their DAO, not a REST face.
        server.registerProviders(resourceProviders.createProviders().stream()
                .filter(provider -> provider instanceof IResourceProvider typed
                        && ServedResourceTypes.SERVED.contains(systemDao.getContext().getResourceType(typed.getResourceType())))
                .toList());
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        StoredOperationDefinitionReads capabilityStatement = new StoredOperationDefinitionReads(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport, operationDefinitions);
        // No counts of stored resources: the statement is open to anonymous callers (and made once for all callers;
        // metadata.PublishedCapabilityStatement shapes the rest).
        capabilityStatement.setIncludeResourceCounts(false);
        server.setServerConformanceProvider(capabilityStatement);

        pagingProvider.setDefaultPageSize(settings.defaultPageSize());
        pagingProvider.setMaximumPageSize(settings.maxPageSize());
        server.setPagingProvider(pagingProvider);
        server.setDefaultPrettyPrint(false);
        if (!settings.publicBaseUrl().isBlank()) {
            server.setServerAddressStrategy(new HardcodedServerAddressStrategy(settings.publicBaseUrl()));
        }
        return server;
    }

    @Bean
    StatementTimeoutAnswer statementTimeoutAnswer() {
        return new StatementTimeoutAnswer();
    }

    @Bean
    ContentionAnswer contentionAnswer() {
        return new ContentionAnswer();
    }

    @Bean
    DatabaseDownAnswer databaseDownAnswer() {
        return new DatabaseDownAnswer();
    }

    @Bean
    BatchEntryCollisionAnswer batchEntryCollisionAnswer() {
        return new BatchEntryCollisionAnswer();
    }

    @Bean
    LookupOffsetPaging lookupOffsetPaging() {
        return new LookupOffsetPaging();
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServletRegistration(RestfulServer fhirRestfulServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(fhirRestfulServer, FHIR_PATH);
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
