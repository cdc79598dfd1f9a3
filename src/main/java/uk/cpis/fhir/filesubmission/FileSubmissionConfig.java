package uk.cpis.fhir.filesubmission;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.cpis.fhir.metrics.OperatorMeters;
import uk.cpis.fhir.submission.SubmissionProperties;
import uk.cpis.fhir.submission.TransactionBundleValidator;

/** Wires the LA file submission operation, with the file limits derived from the submission settings. */
@Configuration(proxyBeanMethods = false)
public class FileSubmissionConfig {

    @Bean
    SmartInitializingSingleton fileSubmissionRegistration(RestfulServer fhirRestfulServer,
            IFhirSystemDao<Bundle, Meta> systemDao, IFhirResourceDao<Organization> organizationDao,
            TransactionBundleValidator transactionBundleValidator, SubmissionProperties settings,
            OperatorMeters operatorMeters) {
        SubmissionFileLimits limits = SubmissionFileLimits.forBundleEntryLimit(
                settings.maxFileBytes().toBytes(), settings.maxEntries());
        return () -> fhirRestfulServer.registerProvider(new FileSubmissionOperation(systemDao, organizationDao,
                transactionBundleValidator, limits, operatorMeters));
    }
}
