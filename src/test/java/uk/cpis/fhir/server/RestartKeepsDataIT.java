package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import uk.cpis.fhir.support.TestTokens;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.cpis.fhir.CpisServerApplication;
import uk.cpis.fhir.support.MigratedDatabaseCopy;
import uk.cpis.fhir.support.NhsNumbers;
import uk.cpis.fhir.support.SharedFhirServer;
import java.nio.file.Path;

/**
 * Stops and starts the server on the same database: the data is kept and the schema is not migrated again.
 * Starts its own servers (not the shared test context) because restarting is the point; on H2 each test's servers
 * run on a copy of the shared server's database, whose schema the run has migrated once already.
 */
class RestartKeepsDataIT extends SharedFhirServer {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final String dataDirectory = "./target/test-data/restart-" + UUID.randomUUID();

    @Autowired
    private DataSource sharedServerDatabase;

    @BeforeEach
    void copyTheMigratedDatabase() {
        MigratedDatabaseCopy.into(Path.of(dataDirectory), sharedServerDatabase);
    }

    @Test
    void keepsStoredResourcesAndSchemaVersionAcrossARestart() throws Exception {
        String nhsNumber = NhsNumbers.random();
        IIdType patientId;
        int appliedMigrations;
        try (ConfigurableApplicationContext first = start()) {
            // The copy is of a migrated schema: this first start applies nothing either.
            Patient patient = new Patient();
            patient.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(nhsNumber);
            patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2016-04-12"));
            patientId = clientOf(first).create().resource(patient).execute().getId().toUnqualifiedVersionless();
            appliedMigrations = appliedMigrations(first);
        }

        try (ConfigurableApplicationContext second = start()) {
            Patient read = clientOf(second).read().resource(Patient.class).withId(patientId).execute();

            assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(nhsNumber);
            assertThat(appliedMigrations(second)).isEqualTo(appliedMigrations).isPositive();
        }
    }

    @Test
    void reportsHealthDownWhenTheDatabaseStopsAnswering() throws Exception {
        try (ConfigurableApplicationContext server = start()) {
            assertThat(health(server).statusCode()).isEqualTo(200);

            server.getBean(HikariDataSource.class).close();

            HttpResponse<String> down = health(server);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"");
        }
    }

    private ConfigurableApplicationContext start() {
        // Arguments, not default properties: they must win over config/application.yaml.
        return new SpringApplicationBuilder(CpisServerApplication.class)
                .run("--server.port=0", "--cpis.server.data-directory=" + dataDirectory,
                        "--cpis.access.allow-development-key=true");
    }

    private static int appliedMigrations(ConfigurableApplicationContext context) {
        Integer count = new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM \"FLY_HFJ_MIGRATION\" WHERE \"success\" = TRUE", Integer.class);
        return count == null ? 0 : count;
    }

    private IGenericClient clientOf(ConfigurableApplicationContext context) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // The first write to a fresh server builds the validation chain: over the default 10 s on a busy machine.
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = FHIR.newRestfulGenericClient(baseUrl(context) + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(
                new TestTokens(java.nio.file.Path.of(dataDirectory)).admin()));
        return client;
    }

    private static HttpResponse<String> health(ConfigurableApplicationContext context) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl(context) + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
