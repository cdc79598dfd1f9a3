package uk.cpis.fhir.guide;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Renders the guide once at startup and serves its examples as static JSON files. */
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
    }
}
