package io.tollgate.ledger.kafka;

import io.tollgate.eventing.db.Databases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * The cluster-wide rebuild lock, held on a connection of its own for the whole rebuild: a
 * PostgreSQL session advisory lock, or on H2 the lock row updated in a transaction left open. A
 * crash closes the connection, which releases either.
 */
@ApplicationScoped
public class RebuildLock {

    private static final Logger LOG = Logger.getLogger(RebuildLock.class);
    /** The advisory lock's key: "tollgate" in ASCII, a number no other lock of the database uses. */
    static final long ADVISORY_KEY = 0x746f6c6c67617465L;
    /** H2's lock-timeout SQLState, and the one it gives a write-write conflict. */
    private static final String H2_LOCK_TIMEOUT = "HYT00";
    private static final String H2_CONFLICT = "40001";

    private final Databases databases;

    @Inject
    public RebuildLock(Databases databases) {
        this.databases = databases;
    }

    /** The lock while held; closing it releases the lock and its connection. */
    public final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (Connection c = connection) {
                if (databases.isPostgres()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + ADVISORY_KEY + ")");
                    }
                } else {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                // The connection is closed either way, and with it the lock.
                LOG.warnf("releasing the rebuild lock: %s", e.toString());
            }
        }
    }

    /**
     * Takes the lock if no rebuild of any instance holds it; null if one does. Call outside a
     * transaction: the lock's connection must not take part in one.
     */
    public Held tryAcquire(String holder) {
        Connection c = null;
        try {
            c = databases.dataSource().getConnection();
            boolean taken = databases.isPostgres() ? advisory(c) : lockRow(c, holder);
            if (taken) {
                return new Held(c);
            }
            c.close();
            return null;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("could not take the rebuild lock: " + e.getMessage(), e);
        }
    }

    private static boolean advisory(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + ADVISORY_KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean lockRow(Connection c, String holder) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_rebuild_lock SET holder = ? WHERE id = 1")) {
            ps.setString(1, holder);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            c.rollback();
            c.setAutoCommit(true);
            if (H2_LOCK_TIMEOUT.equals(e.getSQLState()) || H2_CONFLICT.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already failing; the pool discards a broken connection.
            }
        }
    }
}
