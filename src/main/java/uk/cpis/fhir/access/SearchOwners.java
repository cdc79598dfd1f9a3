package uk.cpis.fhir.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who ran each stored search, in a table of the server's own beside HAPI's (so every node of one database
 * agrees). The owner is kept as a SHA-256 of issuer, user and role: the table names nobody. Rows are kept a
 * day, longer than HAPI keeps a search's results.
 */
public class SearchOwners {

    static final String TABLE = "CPIS_SEARCH_OWNER";
    private static final Duration KEPT = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public SearchOwners(DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(transactions);
        // The search itself may run in a read-only transaction: the record is written in one of its own.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (SEARCH_UUID VARCHAR(64) NOT NULL PRIMARY KEY, OWNER_HASH VARCHAR(64) NOT NULL, CREATED TIMESTAMP NOT NULL)");
    }

    void record(String searchUuid, String ownerKey) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO " + TABLE + " (SEARCH_UUID, OWNER_HASH, CREATED) VALUES (?, ?, ?)",
                searchUuid, hash(ownerKey), Timestamp.from(clock.instant())));
    }

    boolean isOwner(String searchUuid, String ownerKey) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE SEARCH_UUID = ? AND OWNER_HASH = ?",
                Integer.class, searchUuid, hash(ownerKey));
        return found != null && found > 0;
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    public void forgetOldSearches() {
        jdbc.update("DELETE FROM " + TABLE + " WHERE CREATED < ?", Timestamp.from(clock.instant().minus(KEPT)));
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
