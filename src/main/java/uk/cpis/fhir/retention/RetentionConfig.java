package uk.cpis.fhir.retention;

import javax.sql.DataSource;
import uk.cpis.fhir.metrics.OperatorMeters;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.data.IResourceLinkDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires retention: the removals, the policy that runs them, its nightly job and its admin operation. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class RetentionConfig {

    @Bean
    RetentionPolicy retentionPolicy(
            RetentionProperties settings,
            DaoRegistry daos,
            IFhirResourceDao<EpisodeOfCare> planDao,
            IFhirResourceDao<Flag> flagDao,
            IFhirResourceDao<Communication> communicationDao,
            IFhirResourceDao<Patient> patientDao,
            IFhirResourceDao<AuditEvent> auditEventDao,
            IResourceLinkDao resourceLinkDao,
            PlatformTransactionManager transactionManager,
            OperatorMeters operatorMeters,
            DataSource dataSource,
            Clock clock) {
        RecordExpunger expunger = new RecordExpunger(daos, new IndexLinksFromKeptRecords(resourceLinkDao));
        RemovalAuditEventFactory removals = new RemovalAuditEventFactory();
        return new RetentionPolicy(settings,
                new ExpiredPlanRemoval(new ExpiredPlanFinder(planDao),
                        new PlanRecordsFinder(planDao, flagDao, communicationDao, patientDao),
                        expunger, removals, auditEventDao, transactionManager, clock),
                new ExpiredAuditEventRemoval(auditEventDao, expunger, removals, transactionManager, clock),
                new RetentionLock(dataSource, clock), operatorMeters);
    }

    @Bean
    RetentionJob retentionJob(RetentionPolicy retentionPolicy, RetentionProperties settings) {
        return new RetentionJob(retentionPolicy, settings);
    }

    @Bean
    SmartInitializingSingleton retentionOperationRegistration(
            RestfulServer fhirRestfulServer, RetentionPolicy retentionPolicy) {
        return () -> fhirRestfulServer.registerProvider(new RetentionOperationProvider(retentionPolicy));
    }
}
