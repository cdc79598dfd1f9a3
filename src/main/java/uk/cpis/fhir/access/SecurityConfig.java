package uk.cpis.fhir.access;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import uk.cpis.fhir.contract.CpisContract;

/**
 * The HTTP security chain: every {@code /fhir} request needs a valid bearer token, except the server's
 * CapabilityStatement, the SMART configuration and reads of the published conformance resources; the guide and
 * health are open.
 * Anything else on the server is denied. What an authenticated caller may then do is the FHIR layer's call
 * ({@link CpisAuthorizationInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** The published conformance resources, by search and by id: "/fhir/ValueSet", "/fhir/ValueSet/*", …. */
    private static final String[] PUBLISHED_DEFINITIONS = CpisContract.CONFORMANCE_TYPES.stream()
            .flatMap(type -> java.util.stream.Stream.of("/fhir/" + type, "/fhir/" + type + "/*"))
            .toArray(String[]::new);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // Error answers (OperationOutcomeErrorController) for requests already refused or failed.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLISHED_DEFINITIONS).permitAll()
                        .requestMatchers(HttpMethod.GET, "/fhir/.well-known/smart-configuration").permitAll()
                        .requestMatchers(HttpMethod.GET, "/ig", "/ig/**", "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        // Operators' metrics: an admin's token (they count requests, refusals and deliveries, not
                        // patients, but say how busy each care setting and LA is).
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").access(SecurityConfig::admin)
                        .requestMatchers("/fhir/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> {})
                        .authenticationEntryPoint(OperationOutcomeResponses.unauthenticated())
                        .accessDeniedHandler(OperationOutcomeResponses.forbidden()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(OperationOutcomeResponses.unauthenticated())
                        .accessDeniedHandler(OperationOutcomeResponses.forbidden()));
        return http.build();
    }

    /** Spring's strict firewall, its character rules checked without regular expressions. */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        PrintableCharacters printable = new PrintableCharacters();
        firewall.setAllowedHeaderNames(printable);
        firewall.setAllowedHeaderValues(printable);
        firewall.setAllowedParameterNames(printable);
        return firewall;
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return OperationOutcomeResponses.rejected();
    }

    private static AuthorizationDecision admin(java.util.function.Supplier<Authentication> authentication,
            RequestAuthorizationContext request) {
        boolean admin = authentication.get() != null && authentication.get().getPrincipal() instanceof Jwt jwt
                && CallerClaims.from(jwt).map(c -> c.role() == CallerClaims.Role.ADMIN).orElse(false);
        return new AuthorizationDecision(admin);
    }
}
