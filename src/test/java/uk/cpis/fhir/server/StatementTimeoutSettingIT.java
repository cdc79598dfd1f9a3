package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.cpis.fhir.support.SharedFhirServer;

/**
 * The cost ceiling is in force on the server's own database connections, whichever database it runs on: a
 * statement that would run for minutes is stopped by the database after {@code cpis.database.statement-timeout-ms}
 * (10 s), with the SQLSTATE the server answers as 503 too-costly, even when the statement asked for no timeout.
 */
class StatementTimeoutSettingIT extends SharedFhirServer {

    @Autowired
    DataSource dataSource;

    @Test
    void theDatabaseStopsAStatementThatRunsPastTheCeiling() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(0);
            boolean postgres = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            String forMinutes = postgres
                    ? "SELECT pg_sleep(600)"
                    : "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b WHERE MOD(a.X * b.X, 7) = 3";
            long started = System.nanoTime();

            SQLException stopped = catchThrowableOfType(() -> statement.executeQuery(forMinutes), SQLException.class);

            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat((Object) stopped).isNotNull();
            assertThat(stopped.getSQLState()).isEqualTo("57014");
            assertThat(seconds).isBetween(9L, 60L);
            assertThat(StatementTimeoutAnswer.isStatementTimeout(new RuntimeException(stopped))).isTrue();
        }
    }
}
