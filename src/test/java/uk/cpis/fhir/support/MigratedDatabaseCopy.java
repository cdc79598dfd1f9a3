package uk.cpis.fhir.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives a test that starts servers of its own a database whose schema is already migrated: on H2, a consistent
 * copy of the shared test server's database (H2's online {@code BACKUP}), so the run migrates a schema once;
 * on PostgreSQL, whose profile names one database for every server, nothing to copy.
 */
public final class MigratedDatabaseCopy {

    private MigratedDatabaseCopy() {}

    /** Whether the tests run on the PostgreSQL profile (every server then shares its one database). */
    public static boolean onPostgres() {
        return System.getProperty("spring.profiles.active", "").contains("postgres");
    }

    /**
     * Puts a copy of the shared server's H2 database where a server with data directory {@code dataDirectory}
     * looks for its own ({@code <dataDirectory>/h2/}); does nothing on PostgreSQL.
     */
    public static void into(Path dataDirectory, DataSource sharedServerDatabase) {
        if (onPostgres()) {
            return;
        }
        try {
            Path h2 = Files.createDirectories(dataDirectory.resolve("h2"));
            Path backup = h2.resolve("backup.zip").toAbsolutePath();
            new JdbcTemplate(sharedServerDatabase).execute("BACKUP TO '" + backup + "'");
            try (InputStream in = Files.newInputStream(backup); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path file = h2.resolve(Path.of(entry.getName()).getFileName());
                    Files.copy(zip, file);
                }
            }
            Files.delete(backup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
