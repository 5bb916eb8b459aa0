package io.tollgate.order.query;

import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.Money;
import io.tollgate.eventing.db.Databases;
import io.tollgate.order.api.AuthorizationIgnoredEvent;
import io.tollgate.order.api.EventPrincipal;
import io.tollgate.order.api.OrderAuthorizedEvent;
import io.tollgate.order.api.OrderCancelledEvent;
import io.tollgate.order.api.OrderDeniedEvent;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.api.OrderSettledEvent;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.RevenueSharePaidEvent;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the read model ({@code order_view}, {@code order_history}) in step with the Order events.
 * Registered in a subscribing processing group, so it writes in the transaction of the command
 * that produced the event: the view never lags and a failed write fails the command.
 */
@Singleton
public class OrderProjection {

    public static final String PROCESSING_GROUP = "order-view";
    private static final int SUMMARY_CHARS_MAX = 2_000;

    private final Databases databases;
    private final OrderMetrics metrics;

    public OrderProjection(Databases databases, OrderMetrics metrics) {
        this.databases = databases;
        this.metrics = metrics;
    }

    @EventHandler
    public void on(OrderRequestedEvent event, DomainEventMessage<?> message) throws SQLException {
        String sql = "INSERT INTO order_view (order_id, customer_id, customer_name, product_sku,"
                + " product_family, quantity, currency, unit_price, gross_amount, revenue_share_paid, status,"
                + " usage_scenario, erp_reference, requested_at, updated_at, last_sequence)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, event.orderId());
            s.setString(2, event.customerId());
            s.setString(3, event.customerName());
            s.setString(4, event.productSku());
            s.setString(5, event.productFamily());
            s.setLong(6, event.quantity());
            s.setString(7, event.grossAmount().currency());
            s.setBigDecimal(8, event.unitPrice().value());
            s.setBigDecimal(9, event.grossAmount().value());
            s.setBigDecimal(10, Money.zero(event.grossAmount().currency()).value());
            s.setString(11, OrderStatus.REQUESTED.name());
            s.setString(12, event.usageScenario());
            s.setString(13, event.erpReference());
            s.setObject(14, utc(event.occurredAt()));
            s.setObject(15, utc(message.getTimestamp()));
            s.setLong(16, message.getSequenceNumber());
            s.executeUpdate();
            history(c, message, event.occurredAt(), event.quantity() + " × " + event.productSku() + " at "
                    + event.unitPrice() + " for " + event.customerId() + " (gross " + event.grossAmount() + ")");
        }
        metrics.count(OrderMetrics.REQUESTED, event.grossAmount().currency(), event.productFamily());
    }

    @EventHandler
    public void on(OrderAuthorizedEvent event, DomainEventMessage<?> message) throws SQLException {
        String sql = "UPDATE order_view SET status = ?, authorization_id = ?, policy_version = ?, decided_by = ?,"
                + " revenue_share_rate = ?, revenue_share_due = ?, payee = ?, updated_at = ?, last_sequence = ?"
                + " WHERE order_id = ? AND last_sequence < ?";
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, OrderStatus.AUTHORIZED.name());
            s.setString(2, event.authorizationId());
            s.setString(3, event.policyVersion());
            s.setString(4, event.decidedBy());
            s.setString(5, event.revenueShareRate());
            s.setBigDecimal(6, event.revenueShareDue().value());
            s.setString(7, event.payee());
            bindVersion(s, 8, message);
            requireOneRow(s.executeUpdate(), message);
            history(c, message, event.decidedAt(), "authorized by " + event.authorizationId() + " (policy "
                    + event.policyVersion() + ", decided by " + event.decidedBy() + "); revenue share due "
                    + event.revenueShareDue() + " at rate " + event.revenueShareRate() + " to " + event.payee());
            countStep(c, OrderMetrics.AUTHORIZED, event.orderId());
        }
        metrics.amount(OrderMetrics.SHARE_DUE, event.revenueShareDue());
    }

    @EventHandler
    public void on(OrderDeniedEvent event, DomainEventMessage<?> message) throws SQLException {
        String sql = "UPDATE order_view SET status = ?, authorization_id = ?, policy_version = ?, decided_by = ?,"
                + " updated_at = ?, last_sequence = ? WHERE order_id = ? AND last_sequence < ?";
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, OrderStatus.DENIED.name());
            s.setString(2, event.authorizationId());
            s.setString(3, event.policyVersion());
            s.setString(4, event.decidedBy());
            bindVersion(s, 5, message);
            requireOneRow(s.executeUpdate(), message);
            String reasons = event.reasons().stream().map(OrderProjection::describe)
                    .collect(Collectors.joining("; "));
            history(c, message, event.decidedAt(), "denied by " + event.authorizationId() + ": " + reasons);
            countStep(c, OrderMetrics.DENIED, event.orderId());
        }
    }

    @EventHandler
    public void on(AuthorizationIgnoredEvent event, DomainEventMessage<?> message) throws SQLException {
        try (Connection c = databases.dataSource().getConnection()) {
            touch(c, message);
            history(c, message, event.decidedAt(), event.decision() + " " + event.authorizationId()
                    + " arrived when the order was " + event.status() + " and was ignored");
        }
    }

    @EventHandler
    public void on(RevenueSharePaidEvent event, DomainEventMessage<?> message) throws SQLException {
        String sql = "UPDATE order_view SET revenue_share_paid = revenue_share_paid + ?, updated_at = ?,"
                + " last_sequence = ? WHERE order_id = ? AND last_sequence < ?";
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBigDecimal(1, event.amount().value());
            bindVersion(s, 2, message);
            requireOneRow(s.executeUpdate(), message);
            history(c, message, event.occurredAt(), "paid " + event.amount() + " to " + event.payee()
                    + " (payment " + event.paymentId() + ", treasury reference " + event.treasuryReference() + ")");
        }
        metrics.amount(OrderMetrics.SHARE_PAID, event.amount());
    }

    @EventHandler
    public void on(OrderSettledEvent event, DomainEventMessage<?> message) throws SQLException {
        try (Connection c = databases.dataSource().getConnection()) {
            setStatus(c, OrderStatus.SETTLED, null, message);
            history(c, message, event.occurredAt(), "revenue share paid in full: " + event.revenueSharePaid());
            countStep(c, OrderMetrics.SETTLED, event.orderId());
        }
    }

    @EventHandler
    public void on(OrderCancelledEvent event, DomainEventMessage<?> message) throws SQLException {
        try (Connection c = databases.dataSource().getConnection()) {
            setStatus(c, OrderStatus.CANCELLED, event.voidedAuthorizationId(), message);
            String voided = event.voidedAuthorizationId() == null ? ""
                    : ", voiding authorization " + event.voidedAuthorizationId();
            history(c, message, event.occurredAt(), "cancelled from " + event.previousStatus() + voided
                    + (event.reason() == null ? "" : ": " + event.reason()));
            countStep(c, OrderMetrics.CANCELLED, event.orderId());
        }
    }

    private void setStatus(Connection c, OrderStatus status, String voidedAuthorizationId,
                           DomainEventMessage<?> message) throws SQLException {
        String sql = "UPDATE order_view SET status = ?, voided_authorization_id = COALESCE(?, voided_authorization_id),"
                + " updated_at = ?, last_sequence = ? WHERE order_id = ? AND last_sequence < ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, status.name());
            s.setString(2, voidedAuthorizationId);
            bindVersion(s, 3, message);
            requireOneRow(s.executeUpdate(), message);
        }
    }

    private void touch(Connection c, DomainEventMessage<?> message) throws SQLException {
        String sql = "UPDATE order_view SET updated_at = ?, last_sequence = ? WHERE order_id = ? AND last_sequence < ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindVersion(s, 1, message);
            requireOneRow(s.executeUpdate(), message);
        }
    }

    /** Binds updated_at, last_sequence, then the WHERE's order_id and sequence guard. */
    private static void bindVersion(PreparedStatement s, int first, DomainEventMessage<?> message)
            throws SQLException {
        s.setObject(first, utc(message.getTimestamp()));
        s.setLong(first + 1, message.getSequenceNumber());
        s.setString(first + 2, message.getAggregateIdentifier());
        s.setLong(first + 3, message.getSequenceNumber());
    }

    /** Each event moves its order's row exactly once; anything else is a bug, so fail the command. */
    private static void requireOneRow(int updated, DomainEventMessage<?> message) {
        if (updated != 1) {
            throw new IllegalStateException("order_view of " + message.getAggregateIdentifier()
                    + " is not at a version before " + message.getSequenceNumber() + " (" + updated + " rows)");
        }
    }

    private static void history(Connection c, DomainEventMessage<?> message, Instant occurredAt, String summary)
            throws SQLException {
        String sql = "INSERT INTO order_history (order_id, sequence_number, event_id, event_type, occurred_at,"
                + " recorded_at, principal, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, message.getAggregateIdentifier());
            s.setLong(2, message.getSequenceNumber());
            s.setString(3, message.getIdentifier());
            s.setString(4, typeName(message));
            s.setObject(5, occurredAt == null ? null : utc(occurredAt));
            s.setObject(6, utc(message.getTimestamp()));
            s.setString(7, EventPrincipal.of(message));
            s.setString(8, summary.length() <= SUMMARY_CHARS_MAX ? summary
                    : summary.substring(0, SUMMARY_CHARS_MAX - 1) + "…");
            s.executeUpdate();
        }
    }

    private void countStep(Connection c, String counter, String orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT currency, product_family FROM order_view WHERE order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    metrics.count(counter, r.getString(1).trim(), r.getString(2));
                }
            }
        }
    }

    /** "OrderRequestedEvent" → "OrderRequested": the history names facts, not Java classes. */
    static String typeName(DomainEventMessage<?> message) {
        String simple = message.getPayloadType().getSimpleName();
        return simple.endsWith("Event") ? simple.substring(0, simple.length() - 5) : simple;
    }

    private static String describe(DenialReason reason) {
        return reason.code() + " (" + reason.track() + "): " + reason.text();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
