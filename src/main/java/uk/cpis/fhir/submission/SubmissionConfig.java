package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.cpis.fhir.server.RequestInputConfig;

/** Wires the submission checks and registers their interceptors on the server's one interceptor service. */
@Configuration(proxyBeanMethods = false)
public class SubmissionConfig {

    /** Plan dates are calendar dates in England. */
    static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    @Bean
    ProfileValidator profileValidator(
            FhirContext fhirContext, @Qualifier("myInstanceValidator") IInstanceValidatorModule instanceValidator) {
        return new ProfileValidator(fhirContext, instanceValidator);
    }

    @Bean
    TransactionBundleValidator transactionBundleValidator(
            ProfileValidator profileValidator, IFhirResourceDao<Flag> flagDao, IFhirResourceDao<Patient> patientDao,
            IFhirResourceDao<Organization> organizationDao) {
        Clock clock = Clock.system(ENGLAND);
        return new TransactionBundleValidator(profileValidator, List.of(
                new ConditionalRequestRule(),
                new DuplicateEntryRule(),
                new SomethingToFlagRule(),
                new SubmittingAuthorityRule(),
                new PlanConsistencyRule(),
                new UnbornPlanRule(),
                new PlanDatesRule(clock),
                new SingleActivePlanRule(flagDao, patientDao, organizationDao)));
    }

    @Bean
    SubmissionValidatingInterceptor submissionValidatingInterceptor(
            TransactionBundleValidator validator, SubmissionProperties limits, IInterceptorService interceptors) {
        SubmissionValidatingInterceptor interceptor = new SubmissionValidatingInterceptor(validator, limits);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    SubmissionProvenanceInterceptor submissionProvenanceInterceptor(IInterceptorService interceptors) {
        SubmissionProvenanceInterceptor interceptor = new SubmissionProvenanceInterceptor(Clock.systemUTC());
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    PlanMatchScopingInterceptor planMatchScopingInterceptor(IInterceptorService interceptors) {
        PlanMatchScopingInterceptor interceptor = new PlanMatchScopingInterceptor();
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    ConditionalUpdateIfMatchGuard conditionalUpdateIfMatchGuard(IInterceptorService interceptors) {
        ConditionalUpdateIfMatchGuard guard = new ConditionalUpdateIfMatchGuard();
        interceptors.registerInterceptor(guard);
        return guard;
    }

    @Bean
    SubmissionConflictRetryInterceptor submissionConflictRetryInterceptor(IInterceptorService interceptors) {
        SubmissionConflictRetryInterceptor interceptor = new SubmissionConflictRetryInterceptor(5);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    DirectWriteValidatingInterceptor directWriteValidatingInterceptor(
            ProfileValidator profileValidator, IInterceptorService interceptors) {
        DirectWriteValidatingInterceptor interceptor = new DirectWriteValidatingInterceptor(profileValidator);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    /** A REST hook (it shapes the answer), so on the REST server rather than the storage interceptor service. */
    @Bean
    SmartInitializingSingleton batchEntryOutcomesRegistration(RestfulServer fhirRestfulServer) {
        return () -> fhirRestfulServer.registerInterceptor(new BatchEntryOutcomes());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(SubmissionProperties limits) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(limits.maxBytes().toBytes()));
        registration.addUrlPatterns("/fhir/*", "/fhir");
        registration.setOrder(RequestInputConfig.BODY_SIZE_LIMIT_ORDER);
        return registration;
    }
}
