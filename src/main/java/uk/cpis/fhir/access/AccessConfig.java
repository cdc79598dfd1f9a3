package uk.cpis.fhir.access;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the access policy and its interceptors: REST-side ones, in the order {@code HookOrder} fixes (the
 * authorisation interceptor's storage checks reach it for REST requests through HAPI's composite broadcaster),
 * and storage guards that must hold for every write ({@code InterceptorRegistration} registers both kinds).
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
    SearchOwners searchOwners(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
        return new SearchOwners(dataSource, transactionManager, clock);
    }

    /** A storage guard: it holds for every write, whatever its path. */
    @Bean
    AuditRecordWriteGuard auditRecordWriteGuard() {
        return new AuditRecordWriteGuard();
    }

    /** A storage guard too: it checks the Subscription as it is stored, whichever way it came in. */
    @Bean
    LocalAuthoritySubscriptionGuard localAuthoritySubscriptionGuard(LocalAuthorityOwnership ownership) {
        return new LocalAuthoritySubscriptionGuard(ownership);
    }

    @Bean
    RequestPolicyGuard requestPolicyGuard(AccessPolicy policy) {
        return new RequestPolicyGuard(policy);
    }

    @Bean
    ScopeGuard scopeGuard() {
        return new ScopeGuard();
    }

    @Bean
    LocalAuthoritySearchNarrowing localAuthoritySearchNarrowing() {
        return new LocalAuthoritySearchNarrowing();
    }

    @Bean
    SearchOwnerGuard searchOwnerGuard(SearchOwners searchOwners) {
        return new SearchOwnerGuard(searchOwners);
    }

    @Bean
    LocalAuthoritySubmissionAnswer localAuthoritySubmissionAnswer() {
        return new LocalAuthoritySubmissionAnswer();
    }

    @Bean
    BatchArrival batchArrival() {
        return new BatchArrival();
    }

    @Bean
    CpisAuthorizationInterceptor cpisAuthorizationInterceptor(AccessPolicy policy, LocalAuthorityOwnership ownership,
            ClinicianFoundPatients foundPatients) {
        return new CpisAuthorizationInterceptor(policy, ownership, foundPatients);
    }
}
