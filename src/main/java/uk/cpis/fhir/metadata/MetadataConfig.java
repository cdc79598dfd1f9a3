package uk.cpis.fhir.metadata;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.cpis.fhir.access.AccessPolicy;
import uk.cpis.fhir.access.AccessProperties;
import uk.cpis.fhir.server.ServedResourceTypes;

/** Wires what the server says about itself: the CapabilityStatement's shaping and the SMART configuration. */
@Configuration(proxyBeanMethods = false)
public class MetadataConfig {

    @Bean
    AdvertisedCapabilities advertisedCapabilities(AccessPolicy accessPolicy) {
        return AdvertisedCapabilities.of(accessPolicy, ServedResourceTypes.SERVED);
    }

    @Bean
    PublishedCapabilityStatement publishedCapabilityStatement(AdvertisedCapabilities advertised,
            AccessProperties access, ObjectProvider<BuildProperties> build) {
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("unknown");
        return new PublishedCapabilityStatement(advertised, version, access.tokenEndpoint(), securityText(access));
    }

    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(AdvertisedCapabilities advertised,
            AccessProperties access) {
        List<String> scopes = advertised.types().entrySet().stream()
                .filter(type -> !type.getValue().scopePermissions().isEmpty())
                .map(type -> "system/" + type.getKey() + "." + type.getValue().scopePermissions())
                .toList();
        ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
                new SmartConfigurationServlet(access.issuer(), access.tokenEndpoint(), access.jwksUrl(), scopes),
                SmartConfigurationServlet.PATH);
        registration.setName("smart-configuration");
        return registration;
    }

    /** How to authenticate, in words, from the settings this server checks tokens with. */
    static String securityText(AccessProperties access) {
        return "Every request needs a bearer token (a signed JWT) except GET /metadata, this server's SMART"
                + " configuration (/.well-known/smart-configuration) and reads of the published conformance resources."
                + " Tokens are issued by the identity provider: iss " + access.issuer() + ", aud " + access.audience()
                + ", a lifetime of at most " + access.maxTokenLifetime().toMinutes() + " minutes, with the claims"
                + " cpis_role, cpis_org and, for clinicians, cpis_activity (B0107 or B0170), and optionally SMART v2"
                + " scopes. A system gets one with OAuth 2.0 client credentials and a signed JWT assertion (SMART"
                + " Backend Services) at the identity provider's token endpoint"
                + (access.tokenEndpoint().isBlank() ? " (none configured on this server)" : ", " + access.tokenEndpoint())
                + ". The implementation guide's security page (/ig/pages/security.html) has the details.";
    }
}
