package uk.cpis.fhir.guide;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Renders the guide once at startup and serves its examples (JSON) and the LA file template (CSV) as static files. */
@Configuration(proxyBeanMethods = false)
public class ImplementationGuideConfig implements WebMvcConfigurer {

    @Bean
    GuidePageRenderer guidePageRenderer() {
        return GuidePageRenderer.renderAll();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ig/examples/**")
                .addResourceLocations("classpath:/implementation-guide/examples/");
        // The LA file submission's CSV template, downloaded from the guide's page.
        registry.addResourceHandler("/ig/templates/**")
                .addResourceLocations("classpath:/implementation-guide/templates/");
    }
}
