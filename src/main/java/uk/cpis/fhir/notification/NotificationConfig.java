package uk.cpis.fhir.notification;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.hl7.fhir.dstu2.model.Subscription;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * HAPI's subscription support, rest-hook only: the submitter matches each stored Communication against the
 * active Subscriptions, the processor delivers it to the LA's endpoint (in the background, with HAPI's
 * persisted retry queue). Endpoints must match {@code cpis.notification.endpoint-url-pattern}.
 */
@Configuration(proxyBeanMethods = false)
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
public class NotificationConfig {

    @Bean
    SubscriptionSettings subscriptionSettings(NotificationProperties settings) {
        SubscriptionSettings subscriptions = new SubscriptionSettings();
        subscriptions.addSupportedSubscriptionType(Subscription.SubscriptionChannelType.RESTHOOK);
        subscriptions.setRestHookEndpointUrlValidationRegex(settings.endpointUrlPattern());
        return subscriptions;
    }

    /** On storage, where HAPI offers each stored change to subscription matching. */
    @Bean
    UnsubscribedChangeFilter unsubscribedChangeFilter(
            SubscriptionRegistry subscriptionRegistry, FhirContext fhirContext, IInterceptorService interceptors) {
        UnsubscribedChangeFilter filter = new UnsubscribedChangeFilter(subscriptionRegistry, fhirContext);
        interceptors.registerInterceptor(filter);
        return filter;
    }

    /** HAPI's processor wires an email channel whatever is supported; CP-IS offers none, so it sends nothing. */
    @Bean
    IEmailSender refusingEmailSender() {
        return details -> {
            throw new UnsupportedOperationException("CP-IS delivers notifications by rest-hook only");
        };
    }
}
