package uk.cpis.fhir.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.cpis.fhir.CpisServerApplication;

/**
 * Base of integration tests: the real server on a random port with a real database, one Spring context shared
 * by every subclass (startup is the slow part), and HAPI's generic client pointed at {@code /fhir}.
 */
@SpringBootTest(classes = CpisServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Metrics exported as in production (Spring Boot's tests turn the Prometheus registry off by default).
@AutoConfigureObservability
public abstract class SharedFhirServer {

    protected static final FhirContext FHIR = FhirContext.forR4Cached();

    static {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // The first submission of a run builds the validation chain: well over the client's default 10 s on a
        // busy two-core machine.
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
    }

    /** A fresh H2 database for each test run (ignored under the postgres profile, which names its own). */
    private static final String DATA_DIRECTORY = "./target/test-data/" + UUID.randomUUID();

    @LocalServerPort
    protected int port;

    /** Dynamic properties outrank every settings file, including ./config/application.yaml. */
    @DynamicPropertySource
    static void testDatabase(DynamicPropertyRegistry registry) {
        registry.add("cpis.server.data-directory", () -> DATA_DIRECTORY);
        // The postgres profile is production-like and refuses the development key unless told otherwise.
        registry.add("cpis.access.allow-development-key", () -> "true");
        // Subscription tests deliver to an HTTP endpoint the test runs on localhost (production: HTTPS only).
        // Tests apply retention with the admin operation, when they choose; the nightly job would race them.
        registry.add("cpis.retention.schedule-enabled", () -> "false");
        registry.add("cpis.notification.endpoint-url-pattern", () -> "^(https://.+|http://localhost:[0-9]+/.*)$");
    }

    protected IGenericClient client;

    /** Tokens signed with the server's development key. */
    protected static final TestTokens TOKENS = new TestTokens(java.nio.file.Path.of(DATA_DIRECTORY));

    /** A client acting as an admin, who may do everything: tests of other capabilities use it. */
    @BeforeEach
    void connectClient() {
        client = clientWithToken(TOKENS.admin());
    }

    /** A generic client sending the given bearer token. */
    protected IGenericClient clientWithToken(String token) {
        IGenericClient withToken = FHIR.newRestfulGenericClient(baseUrl() + "/fhir");
        withToken.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return withToken;
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }
}
