package uk.cpis.fhir.server;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
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
 * The FHIR REST endpoint at {@code /fhir}: HAPI's {@link RestfulServer} over the JPA resource providers.
 *
 * <p>Where an interceptor goes: one with storage hooks (transactions, writes, internal writes) is registered on
 * the JPA layer's {@code IInterceptorService}, which fires for every request, REST or internal; one with REST
 * hooks (incoming requests, responses) on this server. The two services stay separate: HAPI calls storage hooks
 * on both for a REST request, so sharing one would run each storage hook twice.
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
            FhirServerProperties settings) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        // Only the served types: HAPI's internal ones (ServedResourceTypes.INTERNAL) keep their DAO, not a REST face.
        server.registerProviders(resourceProviders.createProviders().stream()
                .filter(provider -> provider instanceof IResourceProvider typed
                        && ServedResourceTypes.SERVED.contains(systemDao.getContext().getResourceType(typed.getResourceType())))
                .toList());
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport));

        pagingProvider.setDefaultPageSize(settings.defaultPageSize());
        pagingProvider.setMaximumPageSize(settings.maxPageSize());
        server.setPagingProvider(pagingProvider);
        server.setDefaultPrettyPrint(false);
        if (!settings.publicBaseUrl().isBlank()) {
            server.setServerAddressStrategy(new HardcodedServerAddressStrategy(settings.publicBaseUrl()));
        }
        server.registerInterceptor(new StatementTimeoutAnswer());
        server.registerInterceptor(new ContentionAnswer());
        server.registerInterceptor(new BatchEntryCollisionAnswer());
        server.registerInterceptor(new LookupOffsetPaging());
        return server;
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
