package uk.cpis.fhir.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the operators' meters and the filter that counts refusals, first in the chain so it sees every answer. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfig {

    @Bean
    OperatorMeters operatorMeters(MeterRegistry registry) {
        return new OperatorMeters(registry);
    }

    @Bean
    FilterRegistrationBean<RefusalCountingFilter> refusalCountingFilter(OperatorMeters operatorMeters) {
        FilterRegistrationBean<RefusalCountingFilter> registration =
                new FilterRegistrationBean<>(new RefusalCountingFilter(operatorMeters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
