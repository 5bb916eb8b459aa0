package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.deploy.local.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: the services run on the local PostgreSQL server (a fresh database each), and the
 * server is restarted under load from 8 clients ({@code pg_ctlcluster … restart}, which ends every
 * connection). The services reconnect, nothing is dead-lettered, nothing lost or doubled, and a
 * client that gets an answer during the outage gets 503 with Retry-After, never a 500. Needs root
 * (to run pg_ctlcluster) and PostgreSQL 15 on 127.0.0.1:5432 with trust auth for {@code postgres}.
 */
class PostgresRestartFaultIT extends FaultCase {

    private static final Logger LOG = Logger.getLogger(PostgresRestartFaultIT.class.getName());
    private static final Duration RESTART_BOUND = Duration.ofSeconds(120);
    private static final Database POSTGRES = Database.postgres(Database.PG_SERVER_URL_DEFAULT,
        Database.PG_USERNAME_DEFAULT, "");


    @Override
    protected String stackName() {
        return "fault-pg";
    }

    @Override
    protected TollgateStack newStack() {
        return TollgateStack.start(stackName(), POSTGRES);
    }

    /** The stack's own databases are dropped once its services are gone. */
    @Override
    protected void afterStack() throws SQLException {
        dropDatabases();
    }

    @Test
    void postgresRestartedUnderLoadLosesNothingAndDeadLettersNothing() throws Exception {
        startLoad("pg");
        awaitMoreOrders(40);

        long startNs = System.nanoTime();
        restartPostgres();
        double restartS = (System.nanoTime() - startNs) / 1e9;
        LOG.info(() -> String.format("PostgreSQL restarted in %.1f s at %d accepted orders", restartS,
            load.acceptedCount()));

        // the services reconnect: orders keep being accepted, decided and paid
        awaitMoreOrders(40);
        load.stop();
        FaultVerdict.judge("postgresql restart", stack, load, 1, Set.of());
    }

    private static void restartPostgres() throws IOException, InterruptedException {
        List<String> clusters;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            clusters = versions.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(clusters).as("PostgreSQL clusters in /etc/postgresql").hasSize(1);
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", clusters.get(0),
            "main", "restart").redirectErrorStream(true).start();
        boolean ended = restart.waitFor(RESTART_BOUND.toSeconds(), TimeUnit.SECONDS);
        String output = new String(restart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("pg_ctlcluster restart ended within the bound: " + output).isTrue();
        assertThat(restart.exitValue()).as("pg_ctlcluster restart: " + output).isZero();
    }

    private void dropDatabases() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                Database.PG_SERVER_URL_DEFAULT + "/postgres", Database.PG_USERNAME_DEFAULT, "");
             Statement drop = connection.createStatement()) {
            for (ServiceProcess service : stack.services()) {
                drop.execute("DROP DATABASE IF EXISTS \"" + service.databaseName() + "\" WITH (FORCE)");
            }
        }
    }
}
