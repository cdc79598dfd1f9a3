package uk.cpis.fhir.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One retention run at a time across every node of the service: a row in the shared database (ShedLock), taken
 * for the run and released after it. A node that finds it taken does not run; a node that dies while holding it
 * frees it after {@link #HELD_AT_MOST}. Times are the database's, so nodes' clocks need not agree.
 */
final class RetentionLock {

    static final String TABLE = "cpis_shedlock";
    static final String NAME = "cpis-retention";
    /** Longer than any run takes (a night's removals are minutes); a dead node's lock frees itself after it. */
    static final Duration HELD_AT_MOST = Duration.ofHours(1);

    private final LockProvider provider;
    private final Clock clock;

    RetentionLock(DataSource dataSource, Clock clock) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // Created here rather than by HAPI's schema migration, which owns only HAPI's tables.
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL,"
                + " locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))");
        this.provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc)
                .withTableName(TABLE)
                .usingDbTime()
                .build());
        this.clock = clock;
    }

    /**
     * The lock, if no node holds it. {@code heldAtLeast}: the scheduled job keeps it a while after a quick run, so
     * that another node whose job fires a moment later does not run again; an admin's run releases it at once.
     */
    Optional<SimpleLock> tryTake(Duration heldAtLeast) {
        return provider.lock(new LockConfiguration(clock.instant(), NAME, HELD_AT_MOST, heldAtLeast));
    }
}
