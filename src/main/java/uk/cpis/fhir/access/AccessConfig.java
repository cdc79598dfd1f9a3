package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the access interceptors on the REST server: they act on incoming requests and outgoing responses,
 * and the authorisation interceptor's storage checks reach it for REST requests through HAPI's composite
 * broadcaster. Guards run before the authorisation rules so that a refused query never reaches storage.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfig {

    @Bean
    LocalAuthorityOwnership localAuthorityOwnership(IFhirResourceDao<Organization> organizationDao) {
        return new LocalAuthorityOwnership(organizationDao);
    }

    @Bean
    ClinicianFoundPatients clinicianFoundPatients(IFhirResourceDao<AuditEvent> auditEventDao, AccessProperties access) {
        return new ClinicianFoundPatients(auditEventDao, access.foundPatientWindow());
    }

    /** A storage guard: on the JPA interceptor service, so it holds for every write, whatever its path. */
    @Bean
    AuditRecordWriteGuard auditRecordWriteGuard(IInterceptorService storageInterceptors) {
        AuditRecordWriteGuard guard = new AuditRecordWriteGuard();
        storageInterceptors.registerInterceptor(guard);
        return guard;
    }

    /** A storage guard too: it checks the Subscription as it is stored, whichever way it came in. */
    @Bean
    LocalAuthoritySubscriptionGuard localAuthoritySubscriptionGuard(
            LocalAuthorityOwnership ownership, IInterceptorService storageInterceptors) {
        LocalAuthoritySubscriptionGuard guard = new LocalAuthoritySubscriptionGuard(ownership);
        storageInterceptors.registerInterceptor(guard);
        return guard;
    }

    @Bean
    SmartInitializingSingleton accessInterceptorRegistration(
            RestfulServer fhirRestfulServer, LocalAuthorityOwnership ownership, ClinicianFoundPatients foundPatients) {
        return () -> {
            fhirRestfulServer.registerInterceptor(new RestrictedQueryGuard());
            fhirRestfulServer.registerInterceptor(new ClinicianLookupGuard());
            fhirRestfulServer.registerInterceptor(new LocalAuthorityRequestGuard());
            fhirRestfulServer.registerInterceptor(new ScopeGuard());
            fhirRestfulServer.registerInterceptor(new CpisAuthorizationInterceptor(ownership, foundPatients));
        };
    }
}
