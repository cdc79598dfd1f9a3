package uk.cpis.fhir.server;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the strict input check on the FHIR endpoint: after the security chain (an anonymous caller hears
 * 401 first) and after the body size limit (so a body is read only once it is known to be small enough).
 */
@Configuration(proxyBeanMethods = false)
public class RequestInputConfig {

    /** After the body size limit, which is registered with order {@code BODY_SIZE_LIMIT_ORDER}. */
    public static final int BODY_SIZE_LIMIT_ORDER = 10;

    @Bean
    FilterRegistrationBean<StrictRequestBodyFilter> strictRequestBodyFilter() {
        FilterRegistrationBean<StrictRequestBodyFilter> registration = new FilterRegistrationBean<>(new StrictRequestBodyFilter());
        registration.addUrlPatterns("/fhir/*", "/fhir");
        registration.setOrder(BODY_SIZE_LIMIT_ORDER + 10);
        return registration;
    }
}
