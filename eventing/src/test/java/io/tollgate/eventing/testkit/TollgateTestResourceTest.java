package io.tollgate.eventing.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.contracts.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/**
 * The resource hands an application working Kafka and database settings and removes what it made.
 * The PostgreSQL case runs whenever PostgreSQL answers (not only with {@code -Dtollgate.test.db=pg}):
 * a database costs a fraction of a second, and the pg path is the one production uses; it is skipped
 * only where no PostgreSQL answers, and fails there if pg was asked for explicitly.
 */
class TollgateTestResourceTest {

    @Test
    void h2ModeGivesKafkaTopicsADataDirAndAnInMemoryDatabaseThenCleansUp() throws Exception {
        // given
        TollgateTestResource resource = new TollgateTestResource("h2");
        // when
        Map<String, String> config = resource.start();
        Path dataDir = Path.of(config.get("tollgate.data-dir"));
        String url = config.get("tollgate.h2.url");
        try {
            // then
            assertThat(config).containsEntry("tollgate.db", "h2")
                    .containsEntry("quarkus.kafka.devservices.enabled", "false")
                    .containsEntry("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
            assertThat(url).matches("jdbc:h2:mem:tollgate_[0-9a-f]{8};DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            assertThat(dataDir).isDirectory();
            assertEventTopics(config.get("kafka.bootstrap.servers"));
            try (Connection connection = DriverManager.getConnection(url)) {
                assertRoundTrip(connection);
            }
        } finally {
            resource.stop();
        }
        assertThat(dataDir).doesNotExist();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet tables = connection.getMetaData().getTables(null, null, "PROBE", null)) {
            assertThat(tables.next()).as("table left in the H2 database after stop").isFalse();
        }
    }

    @Test
    void pgModeCreatesAFreshDatabaseAndDropsItOnStop() throws Exception {
        // given
        requirePostgres();
        TollgateTestResource resource = new TollgateTestResource("pg");
        // when
        Map<String, String> config = resource.start();
        String database = resource.pgDatabase();
        Connection leftOpen = null;
        try {
            // then
            assertThat(database).matches("tollgate_t_[0-9a-f]{8}");
            assertThat(config).containsEntry("tollgate.db", "pg")
                    .containsEntry("tollgate.pg.username", "postgres")
                    .containsEntry("tollgate.pg.password", "");
            assertThat(config.get("tollgate.pg.url")).endsWith("/" + database);
            assertEventTopics(config.get("kafka.bootstrap.servers"));
            Properties credentials = new Properties();
            credentials.setProperty("user", config.get("tollgate.pg.username"));
            credentials.setProperty("password", config.get("tollgate.pg.password"));
            String url = config.get("tollgate.pg.url");
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                assertRoundTrip(connection);
            }
            // an application that did not close its pool must not block the drop
            leftOpen = DriverManager.getConnection(url, credentials);
            assertThat(leftOpen.isValid(5)).isTrue();
        } finally {
            resource.stop();
        }
        assertThat(databaseExists(database)).isFalse();
        assertThat(leftOpen.isValid(5)).as("connection to the dropped database").isFalse();
        leftOpen.close();
    }

    @Test
    void noArgumentResourceFollowsTheSystemProperty() {
        // given
        String asked = System.getProperty(TollgateTestResource.DB_PROPERTY, "h2");
        TollgateTestResource resource = new TollgateTestResource();
        // when
        Map<String, String> config = resource.start();
        // then
        try {
            assertThat(config).containsEntry("tollgate.db", asked);
        } finally {
            resource.stop();
        }
    }

    @Test
    void pgUrlOfTheTestDatabaseKeepsServerAndParameters() {
        assertThat(TollgateTestResource.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "t1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1");
        assertThat(TollgateTestResource.withDatabase("jdbc:postgresql://db:6543/admin?sslmode=disable", "t1"))
                .isEqualTo("jdbc:postgresql://db:6543/t1?sslmode=disable");
        assertThat(TollgateTestResource.withDatabase("jdbc:postgresql://db?ssl=false", "t1"))
                .isEqualTo("jdbc:postgresql://db/t1?ssl=false");
    }

    private static void assertEventTopics(String bootstrapServers) throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Map<String, TopicDescription> topics = admin
                    .describeTopics(List.of(Topics.ORDERS.name(), Topics.AUTHORIZATIONS.name()))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
        }
    }

    private static void assertRoundTrip(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY, note VARCHAR(20))");
            statement.execute("INSERT INTO probe VALUES (1, 'written')");
            try (ResultSet rows = statement.executeQuery("SELECT note FROM probe WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written");
            }
        }
    }

    private static void requirePostgres() {
        String adminUrl = adminUrl();
        try (Connection ignored = TollgateTestResource.connectPg(adminUrl)) {
            return;
        } catch (SQLException e) {
            if ("pg".equals(System.getProperty(TollgateTestResource.DB_PROPERTY))) {
                fail("tollgate.test.db=pg but PostgreSQL at " + adminUrl + " does not answer: "
                        + e.getMessage());
            }
            assumeTrue(false, "no PostgreSQL at " + adminUrl + ": " + e.getMessage());
        }
    }

    private static boolean databaseExists(String database) throws SQLException {
        try (Connection admin = TollgateTestResource.connectPg(adminUrl());
             PreparedStatement query = admin.prepareStatement(
                     "SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String adminUrl() {
        return System.getenv().getOrDefault(TollgateTestResource.PG_URL_ENV,
                TollgateTestResource.DEFAULT_PG_ADMIN_URL);
    }
}
