package uk.cpis.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import uk.cpis.fhir.metrics.OperatorMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import uk.cpis.fhir.access.AccessProperties;

/**
 * Wires the audit trail: the collector and the auditor act on REST requests and their responses, the admin-write
 * auditor on storage ({@code InterceptorRegistration} registers them), and the access-history operation is a
 * provider of the server. Refuses a production start with auditing off.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfig {

    private static final Logger log = LoggerFactory.getLogger(AuditConfig.class);

    @Bean
    PatientResolver auditPatientResolver(IFhirResourceDao<Patient> patientDao) {
        return new PatientResolver(patientDao);
    }

    @Bean
    AccessRecorder accessRecorder(
            PatientResolver auditPatientResolver,
            IFhirResourceDao<Flag> flagDao,
            IFhirResourceDao<PractitionerRole> practitionerRoleDao,
            DaoRegistry daoRegistry,
            PlatformTransactionManager transactionManager,
            OperatorMeters operatorMeters,
            Clock clock) {
        return new AccessRecorder(
                auditPatientResolver,
                new ActiveFlagFinder(flagDao),
                new SocialWorkerPosts(practitionerRoleDao),
                new AccessRecordStore(daoRegistry, transactionManager),
                operatorMeters,
                clock);
    }

    @Bean
    SmartInitializingSingleton accessHistoryRegistration(RestfulServer fhirRestfulServer,
            PatientResolver auditPatientResolver, IFhirResourceDao<Communication> communicationDao,
            AuditProperties settings, AccessProperties access) {
        if (!settings.enabled()) {
            if (access.production()) {
                throw new IllegalStateException("cpis.audit.enabled=false is for benchmarks only; a production"
                        + " profile does not start without its audit trail");
            }
            log.warn("*** AUDIT AND LA NOTIFICATION ARE OFF (cpis.audit.enabled=false): clinician reads leave"
                    + " no trace. Never run a real service like this. ***");
        }
        return () -> fhirRestfulServer.registerProvider(
                new AccessHistoryProvider(auditPatientResolver, communicationDao, settings.historySize()));
    }

    /** The audit's interceptors: there unless {@code cpis.audit.enabled} is false (benchmarks only). */
    @Configuration(proxyBeanMethods = false)
    @Conditional(AuditEnabledCondition.class)
    static class AuditInterceptors {

        @Bean
        ShownPatientCollector shownPatientCollector() {
            return new ShownPatientCollector();
        }

        @Bean
        PatientAccessAuditor patientAccessAuditor(AccessRecorder accessRecorder) {
            return new PatientAccessAuditor(accessRecorder);
        }

        /** On storage: every write passes there, whichever REST path (direct, bundle entry) it came by. */
        @Bean
        AdminWriteAuditor adminWriteAuditor(
                DaoRegistry daoRegistry, PlatformTransactionManager transactionManager, Clock clock) {
            return new AdminWriteAuditor(new AccessRecordStore(daoRegistry, transactionManager), clock);
        }
    }
}
