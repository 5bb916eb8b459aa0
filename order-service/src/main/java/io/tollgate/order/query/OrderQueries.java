package io.tollgate.order.query;

import static io.tollgate.eventing.db.SqlStatements.instant;

import io.tollgate.contracts.Money;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.order.api.FindOrderQuery;
import io.tollgate.order.api.HistoryEntry;
import io.tollgate.order.api.ListOrdersQuery;
import io.tollgate.order.api.OrderPage;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.OrderSummary;
import io.tollgate.order.api.OrderView;
import io.tollgate.order.command.Order;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;

/** Answers the order queries from the read model the projection keeps. */
@Singleton
public class OrderQueries {

    private final SqlStatements sql;

    public OrderQueries(SqlStatements sql) {
        this.sql = sql;
    }

    /** The order with (the first {@link OrderView#HISTORY_MAX} entries of) its history. */
    @QueryHandler
    public Optional<OrderView> handle(FindOrderQuery query) {
        String orderId = query.orderId();
        List<HistoryEntry> history = history(orderId);
        boolean truncated = history.size() > OrderView.HISTORY_MAX;
        List<HistoryEntry> shown = truncated ? history.subList(0, OrderView.HISTORY_MAX) : history;
        List<OrderView.SuppliedDocument> documents = documents(orderId);
        if (query.client() != null) {
            return sql.queryOne("SELECT * FROM order_view WHERE order_id = ? AND client = ?",
                    r -> view(r, shown, truncated, documents), orderId, query.client());
        }
        return sql.queryOne("SELECT * FROM order_view WHERE order_id = ?",
                r -> view(r, shown, truncated, documents), orderId);
    }

    /** The documents the ERP supplied, oldest first (bounded by the aggregate's DOCUMENTS_MAX). */
    private List<OrderView.SuppliedDocument> documents(String orderId) {
        return sql.query("SELECT kind, reference, issued_on, expires_on, supplied_at FROM order_document"
                        + " WHERE order_id = ? ORDER BY sequence_number LIMIT " + Order.DOCUMENTS_MAX,
                r -> new OrderView.SuppliedDocument(r.getString(1), r.getString(2),
                        r.getObject(3, LocalDate.class), r.getObject(4, LocalDate.class),
                        instant(r, "supplied_at")),
                orderId);
    }

    @QueryHandler
    public OrderPage handle(ListOrdersQuery query) {
        StringBuilder select = new StringBuilder("SELECT * FROM order_view WHERE list_position > ?");
        List<Object> params = new ArrayList<>(List.of(query.after()));
        if (query.status() != null) {
            select.append(" AND status = ?");
            params.add(query.status());
        }
        if (query.client() != null) {
            select.append(" AND client = ?");
            params.add(query.client());
        }
        if (query.customerId() != null) {
            select.append(" AND customer_id = ?");
            params.add(query.customerId());
        }
        // One row more than asked tells whether another page follows.
        select.append(" ORDER BY list_position LIMIT ").append(query.limit() + 1);
        List<Positioned> rows = sql.query(select.toString(),
                r -> new Positioned(summary(r), r.getLong("list_position")), params.toArray());
        boolean more = rows.size() > query.limit();
        List<Positioned> page = more ? rows.subList(0, query.limit()) : rows;
        return new OrderPage(page.stream().map(Positioned::summary).toList(),
                more ? page.get(page.size() - 1).position() : null);
    }

    /** A summary with its list position, the key the next page continues after. */
    private record Positioned(OrderSummary summary, long position) {
    }

    private List<HistoryEntry> history(String orderId) {
        return sql.query("SELECT sequence_number, event_id, event_type, occurred_at, recorded_at,"
                        + " principal, summary FROM order_history WHERE order_id = ?"
                        + " ORDER BY sequence_number LIMIT " + (OrderView.HISTORY_MAX + 1),
                r -> new HistoryEntry(r.getLong(1), r.getString(2), r.getString(3),
                        instant(r, "occurred_at"), instant(r, "recorded_at"), r.getString(6),
                        r.getString(7)), orderId);
    }

    private static OrderView view(ResultSet r, List<HistoryEntry> history, boolean truncated,
                                  List<OrderView.SuppliedDocument> documents) throws SQLException {
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
                authorization(r, authorizationId),
                r.getString("voided_authorization_id"),
                r.getString("usage_scenario"),
                r.getString("erp_reference"),
                instant(r, "requested_at"),
                instant(r, "updated_at"),
                r.getLong("last_sequence"),
                List.copyOf(history),
                truncated,
                documents);
    }

    /** The decision, or what the regulator waits for; null before either (and after a supplied scenario). */
    private static OrderView.Authorization authorization(ResultSet r, String authorizationId) throws SQLException {
        String waitingFor = r.getString("waiting_for");
        if (authorizationId == null && waitingFor == null) {
            return null;
        }
        OrderView.Requirement requirement = waitingFor == null ? null : new OrderView.Requirement(
                r.getString("waiting_code"), r.getString("waiting_track"), r.getString("waiting_requirement"),
                instant(r, "waiting_since"));
        return new OrderView.Authorization(authorizationId, r.getString("decision"), r.getString("policy_version"),
                r.getString("policy_clause"), r.getString("decided_by"), instant(r, "decided_at"),
                DenialReasons.read(r.getString("denial_reasons")), waitingFor, requirement);
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
}
