package uk.cpis.fhir.server;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers every CP-IS interceptor, in one way and one place: each is a bean of its capability's configuration,
 * marked {@link RestServerInterceptor} or {@link StorageInterceptor}, and registered here on that service. The two
 * services stay separate: HAPI calls storage hooks on both for a REST request, so one service would run each
 * storage hook twice. The order of hooks is {@link HookOrder}'s, not the order of registration.
 */
@Configuration(proxyBeanMethods = false)
public class InterceptorRegistration {

    /** What was registered where: made while singletons are made, so before any start-up task writes a record. */
    public record Registered(List<RestServerInterceptor> rest, List<StorageInterceptor> storage) {}

    @Bean
    Registered cpisInterceptors(RestfulServer fhirRestfulServer, IInterceptorService storageInterceptors,
            List<RestServerInterceptor> rest, List<StorageInterceptor> storage) {
        rest.forEach(fhirRestfulServer::registerInterceptor);
        storage.forEach(storageInterceptors::registerInterceptor);
        return new Registered(List.copyOf(rest), List.copyOf(storage));
    }
}
