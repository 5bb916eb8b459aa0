package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the PostgreSQL on 127.0.0.1:5432 (user postgres), as {@code ./tollgate up --db pg} uses
 * it. Skipped, and said so, where no PostgreSQL listens there (the default build needs none; CI
 * starts one before the build).
 */
class DatabaseIT {

    @BeforeAll
    static void postgresListens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1_000);
        } catch (IOException e) {
            Assumptions.abort("no PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
        }
    }

    private final String name = "tollgate_launcher_" + UUID.randomUUID().toString().replace("-", "");
    private final Database db = Database.postgres(Database.PG_SERVER_URL_DEFAULT, "postgres", "");

    @AfterEach
    void dropIt() throws Exception {
        try (Connection c = DriverManager.getConnection(db.urlOf("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
        }
    }

    @Test
    void aMissingDatabaseIsCreatedOnceAndThenLeftAlone() throws Exception {
        // given
        ServiceSpec service = new ServiceSpec("scratch-service", 1, "/", name);

        // when
        List<String> first = db.ensureDatabases(List.of(service));
        List<String> second = db.ensureDatabases(List.of(service));

        // then
        assertThat(first).containsExactly(name);
        assertThat(second).isEmpty();
        try (Connection c = DriverManager.getConnection(db.urlOf(name), "postgres", "")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
