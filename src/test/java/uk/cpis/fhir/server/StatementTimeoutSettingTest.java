package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.fhir.support.FhirServerTest;

/**
 * The cost ceiling is in force on the server's own database connections, whichever database it runs on: every
 * statement is stopped by the database after {@code cpis.database.statement-timeout-ms}.
 */
class StatementTimeoutSettingTest extends FhirServerTest {

    @Autowired
    DataSource dataSource;

    @Test
    void everyConnectionOfTheServerStopsStatementsAfterTenSeconds() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String query = product.startsWith("PostgreSQL")
                    ? "SHOW statement_timeout"
                    : "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'";
            try (ResultSet result = connection.createStatement().executeQuery(query)) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).as(product).isIn("10000", "10s");
            }
        }
    }
}
