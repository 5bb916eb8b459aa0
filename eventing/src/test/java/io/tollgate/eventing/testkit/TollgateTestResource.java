package io.tollgate.eventing.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tollgate.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Gives a {@code @QuarkusTest} application real infrastructure: the JVM's shared Kafka broker with
 * the event topics, its own data directory and its own database (H2 in memory, or a fresh
 * PostgreSQL database when {@code -Dtollgate.test.db=pg}), all removed again on stop.
 */
public class TollgateTestResource implements QuarkusTestResourceLifecycleManager {

    /** System property choosing the database: {@code h2} (default) or {@code pg}. */
    public static final String DB_PROPERTY = "tollgate.test.db";
    /** Environment variable naming the PostgreSQL maintenance database to create test databases from. */
    public static final String PG_URL_ENV = "TOLLGATE_TEST_PG_URL";
    static final String DEFAULT_PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String PG_USER = "postgres";
    static final int TOPIC_PARTITIONS = 3;
    /** Bound on connecting to PostgreSQL, in seconds (a pgjdbc connection property). */
    private static final String PG_CONNECT_TIMEOUT_S = "5";

    private static final Logger LOG = Logger.getLogger(TollgateTestResource.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String forcedDb;
    private String pgAdminUrl;
    private String pgDatabase;
    private String h2Url;
    private Path dataDir;

    public TollgateTestResource() {
        this(null);
    }

    /** For the test kit's own tests: {@code db} overrides the system property. */
    TollgateTestResource(String db) {
        this.forcedDb = db;
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = KafkaBroker.shared();
        kafka.createTopics(TOPIC_PARTITIONS, (short) 1,
                Topics.ORDERS.name(), Topics.AUTHORIZATIONS.name(), Topics.LEDGER_CHECKPOINTS.name());
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        try {
            dataDir = Files.createTempDirectory("tollgate-data-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the test data directory", e);
        }
        config.put("tollgate.data-dir", dataDir.toString());
        // Every service's key pair, the same in the whole JVM (KafkaProbe signs with them too).
        TestSigning.writeTo(dataDir);
        // Embedded Basic users: one per role plus an all-roles tester (see TestUsers).
        config.put("tollgate.auth.mode", "embedded");
        config.put("tollgate.auth.users-file", TestUsers.write(dataDir).toString());
        String db = forcedDb != null ? forcedDb : System.getProperty(DB_PROPERTY, "h2");
        switch (db) {
            case "pg":
                config.putAll(startPostgres());
                break;
            case "h2":
                h2Url = "jdbc:h2:mem:tollgate_" + randomHex() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
                config.put("tollgate.db", "h2");
                config.put("tollgate.h2.url", h2Url);
                break;
            default:
                throw new IllegalArgumentException(DB_PROPERTY + " must be h2 or pg, got \"" + db + "\"");
        }
        return config;
    }

    @Override
    public void stop() {
        try {
            if (pgDatabase != null) {
                dropPostgres();
            }
            if (h2Url != null) {
                shutdownH2();
            }
        } finally {
            deleteDataDir();
        }
    }

    /** The PostgreSQL database this resource created, or null (H2 mode, or not started). */
    String pgDatabase() {
        return pgDatabase;
    }

    private Map<String, String> startPostgres() {
        pgAdminUrl = System.getenv().getOrDefault(PG_URL_ENV, DEFAULT_PG_ADMIN_URL);
        String name = "tollgate_t_" + randomHex();
        try (Connection admin = connectPg(pgAdminUrl); Statement statement = admin.createStatement()) {
            // The name is generated here from [a-z0-9_]: safe to put into the statement.
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " via "
                    + pgAdminUrl + " as " + PG_USER + " (is PostgreSQL running? set " + PG_URL_ENV
                    + " to point elsewhere): " + e.getMessage(), e);
        }
        pgDatabase = name;
        LOG.infof("Database for tests: PostgreSQL %s", name);
        Map<String, String> config = new HashMap<>();
        config.put("tollgate.db", "pg");
        config.put("tollgate.pg.url", withDatabase(pgAdminUrl, name));
        config.put("tollgate.pg.username", PG_USER);
        config.put("tollgate.pg.password", "");
        return config;
    }

    private void dropPostgres() {
        String name = pgDatabase;
        try (Connection admin = connectPg(pgAdminUrl)) {
            try (PreparedStatement terminate = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try (Statement drop = admin.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS " + name);
            }
            pgDatabase = null;
        } catch (SQLException e) {
            LOG.warnf(e, "could not drop test database %s; drop it by hand", name);
        }
    }

    private void shutdownH2() {
        // DB_CLOSE_DELAY=-1 keeps the in-memory database until the JVM ends: free it now.
        try (Connection connection = DriverManager.getConnection(h2Url);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warnf(e, "could not shut down the H2 test database %s", h2Url);
        }
        h2Url = null;
    }

    private void deleteDataDir() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warnf(e, "could not delete the test data directory %s", dataDir);
        }
        dataDir = null;
    }

    static Connection connectPg(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PG_USER);
        properties.setProperty("connectTimeout", PG_CONNECT_TIMEOUT_S);
        return DriverManager.getConnection(url, properties);
    }

    /** The same server URL (and parameters) with another database: {@code jdbc:postgresql://h:p/db?x}. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException(PG_URL_ENV + " must start with " + prefix + ", got " + url);
        }
        int query = url.indexOf('?', prefix.length());
        String withoutQuery = query < 0 ? url : url.substring(0, query);
        int slash = withoutQuery.indexOf('/', prefix.length());
        String server = slash < 0 ? withoutQuery : withoutQuery.substring(0, slash);
        return server + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    private static String randomHex() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
