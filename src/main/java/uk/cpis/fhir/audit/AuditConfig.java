package uk.cpis.fhir.audit;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import uk.cpis.fhir.access.AccessProperties;

/**
 * Wires the audit trail onto the REST server: the collector and the auditor act on REST requests and their
 * responses, and the access-history operation is a provider of the server; the admin-write auditor acts on
 * storage. Refuses a production start with auditing off.
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
            DaoRegistry daoRegistry,
            PlatformTransactionManager transactionManager) {
        return new AccessRecorder(
                auditPatientResolver,
                new ActivePlanFinder(flagDao),
                new AccessRecordStore(daoRegistry, transactionManager),
                Clock.systemUTC());
    }

    @Bean
    SmartInitializingSingleton auditInterceptorRegistration(
            RestfulServer fhirRestfulServer,
            AccessRecorder accessRecorder,
            PatientResolver auditPatientResolver,
            IFhirResourceDao<Communication> communicationDao,
            AuditProperties settings,
            AccessProperties access,
            IInterceptorService storageInterceptors,
            DaoRegistry daoRegistry,
            PlatformTransactionManager transactionManager) {
        return () -> {
            fhirRestfulServer.registerProvider(
                    new AccessHistoryProvider(auditPatientResolver, communicationDao, settings.historySize()));
            if (!settings.enabled()) {
                if (access.production()) {
                    throw new IllegalStateException("cpis.audit.enabled=false is for benchmarks only; a production"
                            + " profile does not start without its audit trail");
                }
                log.warn("*** AUDIT AND LA NOTIFICATION ARE OFF (cpis.audit.enabled=false): clinician reads leave"
                        + " no trace. Never run a real service like this. ***");
                return;
            }
            fhirRestfulServer.registerInterceptor(new ShownPatientCollector());
            fhirRestfulServer.registerInterceptor(new PatientAccessAuditor(accessRecorder));
            // On storage: every write passes there, whichever REST path (direct, bundle entry) it came by.
            storageInterceptors.registerInterceptor(new AdminWriteAuditor(
                    new AccessRecordStore(daoRegistry, transactionManager), Clock.systemUTC()));
        };
    }
}
