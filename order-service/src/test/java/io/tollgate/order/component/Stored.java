package io.tollgate.order.component;

import io.tollgate.eventing.db.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the service stored, straight from its database, to check what changed. */
final class Stored {

    /** Every table a request could write: events, snapshots, read model, idempotency keys, webhooks. */
    static final List<String> TABLES = List.of("domain_event_entry", "snapshot_event_entry", "order_view",
            "order_history", "order_client_request_key", "webhook_subscription");

    private Stored() {
    }

    static Map<String, Long> rowCounts(Databases databases) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                // Table names come from the constant list above.
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    static long count(Databases databases, String sql, String parameter) {
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long snapshots(Databases databases, String orderId) {
        return count(databases, "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", orderId);
    }

    static long ordersOfCustomer(Databases databases, String customerId) {
        return count(databases, "SELECT COUNT(*) FROM order_view WHERE customer_id = ?", customerId);
    }
}
