package uk.cpis.fhir.submission;

import javax.sql.DataSource;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import uk.cpis.fhir.access.LocalAuthorityOwnership;
import uk.cpis.fhir.metrics.OperatorMeters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.cpis.fhir.server.RequestInputConfig;

/**
 * Wires the submission checks: the validator and its rules, the storage interceptors of the write path and the
 * REST hook shaping a batch's answer ({@code InterceptorRegistration} registers them).
 */
@Configuration(proxyBeanMethods = false)
public class SubmissionConfig {

    @Bean
    ProfileValidator profileValidator(FhirContext fhirContext,
            @Qualifier("myInstanceValidator") IInstanceValidatorModule instanceValidator) {
        return new ProfileValidator(fhirContext, instanceValidator, validationHelpers());
    }

    /**
     * One thread a core to validate parts of large submissions beside the request's own thread (owned, and shut
     * down, by the ProfileValidator; not a bean: an Executor bean would displace Spring Boot's task executor). Its
     * queue is short and a refused part is validated by the request itself: help is never waited for.
     */
    private static ExecutorService validationHelpers() {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(cores, cores, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(4 * cores), runnable -> {
            Thread thread = new Thread(runnable, "cpis-validation-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    SingleActivePlanRule singleActivePlanRule(IFhirResourceDao<Flag> flagDao, IFhirResourceDao<Patient> patientDao,
            IFhirResourceDao<Organization> organizationDao) {
        return new SingleActivePlanRule(flagDao, patientDao, organizationDao);
    }

    @Bean
    ChildSubmissionLock childSubmissionLock(DataSource dataSource, SingleActivePlanRule singleActivePlanRule) {
        return new ChildSubmissionLock(dataSource, singleActivePlanRule);
    }

    @Bean
    TransactionBundleValidator transactionBundleValidator(
            ProfileValidator profileValidator, SingleActivePlanRule singleActivePlanRule, Clock clock) {
        return new TransactionBundleValidator(profileValidator, List.of(
                new ConditionalRequestRule(),
                new DuplicateEntryRule(),
                new SomethingToFlagRule(),
                new SubmittingAuthorityRule(),
                new PlanConsistencyRule(),
                new UnbornPlanRule(),
                new PlanDatesRule(clock),
                singleActivePlanRule));
    }

    @Bean
    SubmissionValidatingInterceptor submissionValidatingInterceptor(
            TransactionBundleValidator validator, SubmissionProperties limits, OperatorMeters operatorMeters) {
        return new SubmissionValidatingInterceptor(validator, limits, operatorMeters);
    }

    @Bean
    SubmissionProvenanceInterceptor submissionProvenanceInterceptor(Clock clock) {
        return new SubmissionProvenanceInterceptor(clock);
    }

    @Bean
    PlanMatchScopingInterceptor planMatchScopingInterceptor(DaoRegistry daos, LocalAuthorityOwnership ownership) {
        return new PlanMatchScopingInterceptor(new KeysInUseElsewhere(daos, ownership));
    }

    @Bean
    ConditionalUpdateIfMatchGuard conditionalUpdateIfMatchGuard() {
        return new ConditionalUpdateIfMatchGuard();
    }

    @Bean
    SubmissionConflictRetryInterceptor submissionConflictRetryInterceptor() {
        return new SubmissionConflictRetryInterceptor(5);
    }

    @Bean
    DirectWriteValidatingInterceptor directWriteValidatingInterceptor(ProfileValidator profileValidator) {
        return new DirectWriteValidatingInterceptor(profileValidator);
    }

    /** A REST hook (it shapes the answer), so on the REST server rather than the storage interceptor service. */
    @Bean
    BatchEntryOutcomes batchEntryOutcomes() {
        return new BatchEntryOutcomes();
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
