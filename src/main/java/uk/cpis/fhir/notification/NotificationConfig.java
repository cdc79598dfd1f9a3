package uk.cpis.fhir.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.broker.api.IChannelNamer;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.subscription.async.AsyncResourceModifiedSubmitterSvc;
import ca.uhn.fhir.jpa.subscription.channel.impl.LinkedBlockingChannelFactory;
import ca.uhn.fhir.jpa.subscription.channel.impl.RetryPolicyProvider;
import ca.uhn.fhir.jpa.subscription.submit.svc.ResourceModifiedSubmitterSvc;
import ca.uhn.fhir.subscription.api.IResourceModifiedMessagePersistenceSvc;
import java.time.Clock;
import org.hl7.fhir.r4.model.AuditEvent;
import uk.cpis.fhir.metrics.OperatorMeters;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionLoader;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.hl7.fhir.dstu2.model.Subscription;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * HAPI's subscription support, rest-hook only: each stored Communication's change is kept in HAPI's store of changes
 * in the transaction that stores it; any node's delivery pass takes it from there, matches it against the active
 * Subscriptions and delivers it to the LA's endpoint before the change leaves the store
 * ({@link StoredChangeDeliveryChannels}, {@link StoredChangeDeliveryPass}). Endpoints must match
 * {@code cpis.notification.endpoint-url-pattern}.
 */
@Configuration(proxyBeanMethods = false)
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
public class NotificationConfig {

    /** The bean name of HAPI's subscription matcher (SubscriptionMatcherInterceptorConfig). */
    static final String HAPI_MATCHER = "subscriptionMatcherInterceptor";

    @Bean
    DeliveryAuditor deliveryAuditor(FhirContext fhirContext, IFhirResourceDao<AuditEvent> auditEventDao,
            IHapiTransactionService transactions, OperatorMeters operatorMeters, Clock clock) {
        return new DeliveryAuditor(fhirContext, auditEventDao, transactions, operatorMeters, clock);
    }

    /** HAPI's channels, with the subscription channels delivering on the job's thread and transaction. */
    @Bean
    @Primary
    LinkedBlockingChannelFactory storedChangeDeliveryChannels(IChannelNamer namer, RetryPolicyProvider hapiRetries,
            Clock clock, NotificationProperties settings) {
        return new StoredChangeDeliveryChannels(namer, hapiRetries, clock, settings);
    }

    /** HAPI's pass over its stored changes, going on past a change that could not be delivered. */
    @Bean
    @Primary
    AsyncResourceModifiedSubmitterSvc storedChangeDeliveryPass(IResourceModifiedMessagePersistenceSvc changes,
            SubscriptionLoader subscriptions, SubscriptionRegistry registry, ResourceModifiedSubmitterSvc matcher,
            IHapiTransactionService transactions, OperatorMeters meters) {
        meters.changesWaiting(changes::getMessagePersistedCount);
        return new StoredChangeDeliveryPass(changes, subscriptions, new RegisteredSubscriptionTypes(registry), matcher,
                transactions);
    }

    @Bean
    SubscriptionSettings subscriptionSettings(NotificationProperties settings) {
        SubscriptionSettings subscriptions = new SubscriptionSettings();
        subscriptions.addSupportedSubscriptionType(Subscription.SubscriptionChannelType.RESTHOOK);
        subscriptions.setRestHookEndpointUrlValidationRegex(settings.endpointUrlPattern());
        return subscriptions;
    }

    /**
     * Puts {@link UnsubscribedChangeSkippingMatcher} in the place of HAPI's subscription matcher bean (same name,
     * so HAPI's loader registers it as its own). Static: it edits bean definitions before any bean is made.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor unsubscribedChangeSkipping() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                if (!registry.containsBeanDefinition(HAPI_MATCHER)) {
                    throw new IllegalStateException("HAPI's " + HAPI_MATCHER + " bean is gone: "
                            + "UnsubscribedChangeSkippingMatcher no longer matches this HAPI version");
                }
                RootBeanDefinition matcher = new RootBeanDefinition(UnsubscribedChangeSkippingMatcher.class);
                matcher.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
                registry.removeBeanDefinition(HAPI_MATCHER);
                registry.registerBeanDefinition(HAPI_MATCHER, matcher);
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
                // all done on the registry
            }
        };
    }

    /** HAPI's processor wires an email channel whatever is supported; CP-IS offers none, so it sends nothing. */
    @Bean
    IEmailSender refusingEmailSender() {
        return details -> {
            throw new UnsupportedOperationException("CP-IS delivers notifications by rest-hook only");
        };
    }
}
