package uk.cpis.fhir.access;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Registers the access interceptors. REST-side ones go on the REST server, in the order
 * {@link AccessInterceptorOrder} fixes (the authorisation interceptor's storage checks reach it for REST requests
 * through HAPI's composite broadcaster); storage guards that must hold for every write go on the JPA layer's
 * interceptor service.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfig {

    @Bean
    AccessPolicy accessPolicy() {
        return AccessPolicy.cpis();
    }

    @Bean
    LocalAuthorityOwnership localAuthorityOwnership(IFhirResourceDao<Organization> organizationDao,
            IFhirResourceDao<EpisodeOfCare> planDao, IFhirResourceDao<Flag> flagDao) {
        return new LocalAuthorityOwnership(organizationDao, planDao, flagDao);
    }

    @Bean
    ClinicianFoundPatients clinicianFoundPatients(IFhirResourceDao<AuditEvent> auditEventDao, AccessProperties access) {
        return new ClinicianFoundPatients(auditEventDao, access.foundPatientWindow());
    }

    @Bean
    SearchOwners searchOwners(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new SearchOwners(dataSource, transactionManager, Clock.systemUTC());
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
    SmartInitializingSingleton accessInterceptorRegistration(RestfulServer fhirRestfulServer, AccessPolicy policy,
            LocalAuthorityOwnership ownership, ClinicianFoundPatients foundPatients, SearchOwners searchOwners) {
        return () -> {
            fhirRestfulServer.registerInterceptor(new RequestPolicyGuard(policy));
            fhirRestfulServer.registerInterceptor(new ScopeGuard());
            fhirRestfulServer.registerInterceptor(new LocalAuthoritySearchNarrowing());
            fhirRestfulServer.registerInterceptor(new SearchOwnerGuard(searchOwners));
            fhirRestfulServer.registerInterceptor(new LocalAuthoritySubmissionAnswer());
            fhirRestfulServer.registerInterceptor(new BatchArrival());
            fhirRestfulServer.registerInterceptor(new CpisAuthorizationInterceptor(policy, ownership, foundPatients));
        };
    }
}
