package io.tollgate.order.query;

import io.tollgate.contracts.Money;
import io.tollgate.eventing.db.Databases;
import io.tollgate.order.api.FindOrderQuery;
import io.tollgate.order.api.HistoryEntry;
import io.tollgate.order.api.ListOrdersQuery;
import io.tollgate.order.api.OrderPage;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.OrderSummary;
import io.tollgate.order.api.OrderView;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;

/** Answers the order queries from the read model the projection keeps. */
@Singleton
public class OrderQueries {

    private final Databases databases;

    public OrderQueries(Databases databases) {
        this.databases = databases;
    }

    @QueryHandler
    public Optional<OrderView> handle(FindOrderQuery query) throws SQLException {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM order_view WHERE order_id = ?")) {
            s.setString(1, query.orderId());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                List<HistoryEntry> history = history(c, query.orderId());
                boolean truncated = history.size() > OrderView.HISTORY_MAX;
                return Optional.of(view(r, truncated ? history.subList(0, OrderView.HISTORY_MAX) : history,
                        truncated));
            }
        }
    }

    @QueryHandler
    public OrderPage handle(ListOrdersQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM order_view WHERE list_position > ?");
        if (query.status() != null) {
            sql.append(" AND status = ?");
        }
        if (query.customerId() != null) {
            sql.append(" AND customer_id = ?");
        }
        // One row more than asked tells whether another page follows.
        sql.append(" ORDER BY list_position LIMIT ").append(query.limit() + 1);
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setLong(i++, query.after());
            if (query.status() != null) {
                s.setString(i++, query.status().name());
            }
            if (query.customerId() != null) {
                s.setString(i, query.customerId());
            }
            List<OrderSummary> items = new ArrayList<>();
            long lastPosition = 0;
            boolean more = false;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (items.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    items.add(summary(r));
                    lastPosition = r.getLong("list_position");
                }
            }
            return new OrderPage(items, more ? lastPosition : null);
        }
    }

    private static List<HistoryEntry> history(Connection c, String orderId) throws SQLException {
        String sql = "SELECT sequence_number, event_id, event_type, occurred_at, recorded_at, principal, summary"
                + " FROM order_history WHERE order_id = ? ORDER BY sequence_number LIMIT " + (OrderView.HISTORY_MAX + 1);
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, orderId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new HistoryEntry(r.getLong(1), r.getString(2), r.getString(3),
                            instant(r, "occurred_at"), instant(r, "recorded_at"), r.getString(6),
                            r.getString(7)));
                }
            }
        }
        return entries;
    }

    private static OrderView view(ResultSet r, List<HistoryEntry> history, boolean truncated) throws SQLException {
        String currency = r.getString("currency").trim();
        Money due = money(r.getBigDecimal("revenue_share_due"), currency);
        Money paid = money(r.getBigDecimal("revenue_share_paid"), currency);
        String authorizationId = r.getString("authorization_id");
        return new OrderView(
                r.getString("order_id"),
                OrderStatus.valueOf(r.getString("status")),
                r.getString("customer_id"),
                r.getString("customer_name"),
                r.getString("product_sku"),
                r.getString("product_family"),
                r.getLong("quantity"),
                money(r.getBigDecimal("unit_price"), currency),
                money(r.getBigDecimal("gross_amount"), currency),
                r.getString("revenue_share_rate"),
                due,
                paid,
                due == null ? null : due.minus(paid),
                r.getString("payee"),
                authorizationId == null ? null : new OrderView.Authorization(authorizationId,
                        r.getString("policy_version"), r.getString("decided_by")),
                r.getString("voided_authorization_id"),
                r.getString("usage_scenario"),
                r.getString("erp_reference"),
                instant(r, "requested_at"),
                instant(r, "updated_at"),
                r.getLong("last_sequence"),
                List.copyOf(history),
                truncated);
    }

    private static OrderSummary summary(ResultSet r) throws SQLException {
        String currency = r.getString("currency").trim();
        return new OrderSummary(
                r.getString("order_id"),
                OrderStatus.valueOf(r.getString("status")),
                r.getString("customer_id"),
                r.getString("product_sku"),
                r.getLong("quantity"),
                money(r.getBigDecimal("gross_amount"), currency),
                money(r.getBigDecimal("revenue_share_due"), currency),
                money(r.getBigDecimal("revenue_share_paid"), currency),
                r.getString("erp_reference"),
                instant(r, "requested_at"),
                instant(r, "updated_at"));
    }

    private static Money money(BigDecimal value, String currency) {
        // NUMERIC(30, 6) holds more decimals than any currency; the extra ones are zero.
        return value == null ? null : Money.of(value, currency);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
