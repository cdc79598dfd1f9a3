package uk.cpis.fhir.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The retention lock in a database two nodes share: one holder at a time, free again after an admin's run. */
class RetentionLockTest {

    private static JdbcDataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Test
    void oneNodeHoldsItAtATimeAndAnAdminsRunFreesItAtOnce() {
        JdbcDataSource shared = database();
        RetentionLock nodeA = new RetentionLock(shared, Clock.systemUTC());
        RetentionLock nodeB = new RetentionLock(shared, Clock.systemUTC());

        Optional<SimpleLock> a = nodeA.tryTake(Duration.ZERO);
        assertThat(a).isPresent();
        assertThat(nodeB.tryTake(Duration.ZERO)).isEmpty();
        a.get().unlock();

        Optional<SimpleLock> b = nodeB.tryTake(Duration.ZERO);
        assertThat(b).isPresent();
        b.get().unlock();
    }

    @Test
    void theNightlyJobKeepsItAWhileAfterAQuickRun() {
        JdbcDataSource shared = database();
        RetentionLock nodeA = new RetentionLock(shared, Clock.systemUTC());
        RetentionLock nodeB = new RetentionLock(shared, Clock.systemUTC());

        nodeA.tryTake(Duration.ofMinutes(5)).orElseThrow().unlock();

        assertThat(nodeB.tryTake(Duration.ZERO)).isEmpty();
    }
}
