package io.tollgate.eventing.kafka;

import io.tollgate.eventing.error.Transience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.contracts.ContractViolationException;
import jakarta.transaction.RollbackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/**
 * Which failures the consumer loop rides out and which dead-letter a record, checked on the
 * exceptions the drivers, the pool and the clients really throw (PostgreSQL cases run with
 * {@code -Ppostgres}, against the local server).
 */
class TransienceTest {

    private static final String PG_ADMIN_URL = System.getenv().getOrDefault("TOLLGATE_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");

    @Test
    void agroalAcquisitionTimeoutIsTransient() {
        SQLException timeout = RealFailures.poolAcquisitionTimeout();

        assertThat(timeout.getSQLState()).isNull();
        assertThat(Transience.isTransient(new IllegalStateException("cannot read", timeout))).isTrue();
    }

    @Test
    void refusedJdbcConnectionIsTransient() {
        SQLException refused = failure(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none",
                pgProperties("postgres")).close());

        assertThat(refused.getSQLState()).startsWith("08");
        assertThat(Transience.isTransient(refused)).isTrue();
    }

    @Test
    void h2LockTimeoutIsTransientAndUniqueViolationIsNot() throws Exception {
        String url = "jdbc:h2:mem:transience-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100";
        try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
            a.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            a.createStatement().execute("INSERT INTO t VALUES (1, 0)");
            a.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1");

            SQLException lockTimeout = failure(() -> b.createStatement().executeUpdate("UPDATE t SET v = 2 WHERE id = 1"));
            a.rollback();
            SQLException duplicate = failure(() -> b.createStatement().execute("INSERT INTO t VALUES (1, 3)"));

            assertThat(Transience.isTransient(lockTimeout)).isTrue();
            assertThat(duplicate.getSQLState()).isEqualTo("23505");
            assertThat(Transience.isTransient(duplicate)).isFalse();
        }
    }

    @Test
    void unreachableBrokerIsTransient() {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Exception failure;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>("t", "k", "v")).get(5, TimeUnit.SECONDS);
            failure = null;
        } catch (Exception e) {
            failure = e;
        }

        assertThat(failure).isNotNull();
        assertThat(Transience.isTransient(new IllegalStateException("could not dead-letter", failure))).isTrue();
    }

    @Test
    void lostOptimisticRaceAndRetryLaterAreTransient() {
        assertThat(Transience.isTransient(new ConcurrencyException("sequence taken"))).isTrue();
        assertThat(Transience.isTransient(new RetryLaterException("a rebuild holds the journal"))).isTrue();
    }

    @Test
    void jtaRollbackIsTransientOnlyWhenItsCauseIs() {
        RollbackException bare = new RollbackException("rolled back");
        RollbackException byPool = new RollbackException("rolled back");
        byPool.initCause(RealFailures.poolAcquisitionTimeout());

        assertThat(Transience.isTransient(bare)).isFalse();
        assertThat(Transience.isTransient(byPool)).isTrue();
    }

    @Test
    void rulesAndProgrammingErrorsArePermanent() {
        assertThat(Transience.isTransient(new RejectedEventException("UNKNOWN_ORDER", "no order"))).isFalse();
        assertThat(Transience.isTransient(new ContractViolationException("key", "must equal"))).isFalse();
        assertThat(Transience.isTransient(new IllegalStateException("x", new ArithmeticException("Overflow"))))
                .isFalse();
        assertThat(Transience.isTransient(new SQLException("no state, no pool"))).isFalse();
    }

    @Test
    void postgresSerializationFailureIsTransient() throws Exception {
        assumePostgres();
        String table = scratchTable();
        try (Connection a = pg(); Connection b = pg()) {
            for (Connection c : new Connection[] {a, b}) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table).close();
            }
            a.createStatement().executeUpdate("INSERT INTO " + table + " VALUES (10, 0)");
            b.createStatement().executeUpdate("INSERT INTO " + table + " VALUES (11, 0)");
            a.commit();
            SQLException failure = failure(b::commit);

            assertThat(failure.getSQLState()).isEqualTo("40001");
            assertThat(Transience.isTransient(failure)).isTrue();
        } finally {
            drop(table);
        }
    }

    @Test
    void postgresDeadlockIsTransient() throws Exception {
        assumePostgres();
        String table = scratchTable();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection a = pg(); Connection b = pg()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE " + table + " SET v = 1 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE " + table + " SET v = 1 WHERE id = 2");
            Future<SQLException> aWaits = other.submit(() -> failure(() ->
                    a.createStatement().executeUpdate("UPDATE " + table + " SET v = 2 WHERE id = 2")));
            SQLException bFails = failure(() -> b.createStatement().executeUpdate("UPDATE " + table
                    + " SET v = 2 WHERE id = 1"));
            SQLException deadlock = bFails != null ? bFails : aWaits.get(30, TimeUnit.SECONDS);
            a.rollback();
            b.rollback();

            assertThat(deadlock.getSQLState()).isEqualTo("40P01");
            assertThat(Transience.isTransient(deadlock)).isTrue();
        } finally {
            other.shutdownNow();
            drop(table);
        }
    }

    @Test
    void postgresReadOnlyTransactionIsTransient() throws Exception {
        assumePostgres();
        String table = scratchTable();
        try (Connection c = pg()) {
            c.createStatement().execute("SET default_transaction_read_only = on");
            SQLException failure = failure(() -> c.createStatement().executeUpdate("INSERT INTO " + table
                    + " VALUES (3, 0)"));

            assertThat(failure.getSQLState()).isEqualTo("25006");
            assertThat(Transience.isTransient(failure)).isTrue();
        } finally {
            drop(table);
        }
    }

    @Test
    void postgresAdminShutdownOfTheSessionIsTransient() throws Exception {
        assumePostgres();
        try (Connection victim = pg(); Connection admin = pg()) {
            int pid;
            try (var rs = victim.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            admin.createStatement().execute("SELECT pg_terminate_backend(" + pid + ")");
            SQLException failure = failure(() -> victim.createStatement().executeQuery("SELECT 1").close());

            assertThat(failure.getSQLState()).isIn("57P01", "08006");
            assertThat(Transience.isTransient(failure)).isTrue();
        }
    }

    @Test
    void postgresTooManyConnectionsIsTransient() throws Exception {
        assumePostgres();
        String role = "tollgate_limit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = pg()) {
            admin.createStatement().execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 0");
            try {
                SQLException failure = failure(() -> DriverManager.getConnection(PG_ADMIN_URL, pgProperties(role))
                        .close());

                assertThat(failure.getSQLState()).isEqualTo("53300");
                assertThat(Transience.isTransient(failure)).isTrue();
            } finally {
                admin.createStatement().execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void postgresCrashAndStartupStatesAreTransient() {
        // 57P02 (crash shutdown) and 57P03 (cannot connect now) need a crashing or starting server,
        // so these two are built here with the state and text the server sends.
        SQLException crash = new SQLException("terminating connection because of crash of another server process",
                "57P02");
        SQLException starting = new SQLException("the database system is starting up", "57P03");

        assertThat(Transience.isTransient(crash)).isTrue();
        assertThat(Transience.isTransient(starting)).isTrue();
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static SQLException failure(Failing action) {
        try {
            action.run();
            return null;
        } catch (SQLException e) {
            return e;
        } catch (Exception e) {
            throw new IllegalStateException("expected an SQLException", e);
        }
    }

    private static void assumePostgres() {
        assumeTrue("pg".equals(System.getProperty("tollgate.test.db")), "PostgreSQL cases run with -Ppostgres");
    }

    private static Properties pgProperties(String user) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "5");
        return p;
    }

    private static Connection pg() throws SQLException {
        return DriverManager.getConnection(PG_ADMIN_URL, pgProperties("postgres"));
    }

    private static String scratchTable() throws SQLException {
        String table = "transience_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = pg(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO " + table + " VALUES (1, 0), (2, 0)");
        }
        return table;
    }

    private static void drop(String table) throws SQLException {
        try (Connection c = pg(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
