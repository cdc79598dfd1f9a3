package uk.cpis.fhir.server;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes Tomcat answer its own refusals with an OperationOutcome ({@link OperationOutcomeErrorReportValve}). */
@Configuration(proxyBeanMethods = false)
public class ErrorAnswerConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> operationOutcomeErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(OperationOutcomeErrorReportValve.class.getName());
            }
        });
    }
}
