package uk.cpis.fhir.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code GET /fhir/.well-known/smart-configuration} (SMART App Launch 2, for Backend Services) without a
 * token: where a system gets its token (the identity provider's token endpoint, when configured), with which
 * grant and client authentication, and the scopes the server understands. An exact servlet mapping, which the
 * Servlet specification ranks above the FHIR servlet's {@code /fhir/*}.
 */
final class SmartConfigurationServlet extends HttpServlet {

    static final String PATH = "/fhir/.well-known/smart-configuration";

    private final byte[] body;

    SmartConfigurationServlet(String issuer, String tokenEndpoint, String jwksUrl, List<String> scopes) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("issuer", issuer);
        if (!tokenEndpoint.isBlank()) {
            configuration.put("token_endpoint", tokenEndpoint);
        }
        if (!jwksUrl.isBlank()) {
            configuration.put("jwks_uri", jwksUrl);
        }
        configuration.put("grant_types_supported", List.of("client_credentials"));
        configuration.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        configuration.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        configuration.put("scopes_supported", scopes);
        configuration.put("capabilities", List.of("client-confidential-asymmetric", "permission-v2"));
        try {
            this.body = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(configuration);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(body);
    }
}
