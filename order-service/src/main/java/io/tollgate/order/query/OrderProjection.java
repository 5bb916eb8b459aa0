package io.tollgate.order.query;

import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.Money;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.order.api.AuthorizationIgnoredEvent;
import io.tollgate.order.api.AuthorizationPendingEvent;
import io.tollgate.order.api.DocumentSuppliedEvent;
import io.tollgate.order.api.EventPrincipal;
import io.tollgate.order.api.OrderAuthorizedEvent;
import io.tollgate.order.api.OrderCancelledEvent;
import io.tollgate.order.api.OrderDeniedEvent;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.api.OrderSettledEvent;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.RevenueSharePaidEvent;
import io.tollgate.order.api.SupplyPassedOverEvent;
import io.tollgate.order.api.UsageScenarioSuppliedEvent;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps the read model ({@code order_view}, {@code order_history}, {@code order_document}) in step
 * with the Order events.
 * Registered in a subscribing processing group, so it writes in the transaction of the command
 * that produced the event: the view never lags and a failed write fails the command.
 *
 * <p>A new order's two rows wait in the unit of work that handles its event and are written, with
 * those of every other new order of that unit, as two JDBC batches when it prepares its commit
 * (bulk intake's part of 128 orders: two round trips instead of 256). Any other event writes at
 * once, after those waiting rows, so each statement still sees every row before it.
 */
@Singleton
public class OrderProjection {

    public static final String PROCESSING_GROUP = "order-view";
    private static final int SUMMARY_CHARS_MAX = 2_000;
    /** A supplied scenario, a decision or a cancellation ends the regulator's wait. */
    private static final String CLEAR_WAIT = "waiting_for = NULL, waiting_track = NULL, waiting_code = NULL,"
            + " waiting_requirement = NULL, waiting_since = NULL";
    private static final String INSERT_VIEW = "INSERT INTO order_view (order_id, customer_id, customer_name,"
            + " product_sku, product_family, quantity, currency, unit_price, gross_amount, revenue_share_paid,"
            + " status, usage_scenario, erp_reference, requested_at, updated_at, last_sequence, client)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_HISTORY = "INSERT INTO order_history (order_id, sequence_number,"
            + " event_id, event_type, occurred_at, recorded_at, principal, summary)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    /** The unit of work's resource holding the rows of its new orders until they are written. */
    private static final String NEW_ORDERS = OrderProjection.class.getName() + ".newOrders";

    private final SqlStatements sql;
    private final Databases databases;
    private final OrderMetrics metrics;

    public OrderProjection(SqlStatements sql, Databases databases, OrderMetrics metrics) {
        this.sql = sql;
        this.databases = databases;
        this.metrics = metrics;
    }

    @EventHandler
    public void on(OrderRequestedEvent event, DomainEventMessage<?> message) {
        Object[] view = {event.orderId(), event.customerId(), event.customerName(), event.productSku(),
            event.productFamily(), event.quantity(), event.grossAmount().currency(),
            event.unitPrice().value(), event.grossAmount().value(),
            Money.zero(event.grossAmount().currency()).value(), OrderStatus.REQUESTED.name(),
            event.usageScenario(), event.erpReference(), utc(event.occurredAt()), utc(message.getTimestamp()),
            message.getSequenceNumber(), event.owner(EventPrincipal.of(message))};
        Object[] history = historyRow(message, event.occurredAt(), event.quantity() + " × "
                + event.productSku() + " at " + event.unitPrice() + " for " + event.customerId()
                + " (gross " + event.grossAmount() + ")");
        newOrders().add(view, history);
        metrics.count(OrderMetrics.REQUESTED, event.grossAmount().currency(), event.productFamily());
    }

    @EventHandler
    public void on(AuthorizationPendingEvent event, DomainEventMessage<?> message) {
        versioned(message, "waiting_for = ?, waiting_track = ?, waiting_code = ?, waiting_requirement = ?,"
                        + " waiting_since = ?, policy_version = ?, policy_clause = ?",
                event.waitingFor(), event.track(), event.code(), event.requirement(), event.pendingSince(),
                event.policyVersion(), event.policyClause());
        history(message, event.pendingSince(), "the regulator waits for " + event.waitingFor() + " ("
                + event.code() + ", policy " + event.policyVersion() + clause(event.policyClause()) + "): "
                + event.requirement());
    }

    /** The scenario replaces the order's; the order now waits for the regulator's answer. */
    @EventHandler
    public void on(UsageScenarioSuppliedEvent event, DomainEventMessage<?> message) {
        versioned(message, "usage_scenario = ?, " + CLEAR_WAIT, event.usageScenario());
        history(message, event.occurredAt(), "usage scenario supplied (" + event.usageScenario().length()
                + " characters), passed to the regulator");
    }

    /** The order lists the document and keeps waiting for the regulator as before. */
    @EventHandler
    public void on(DocumentSuppliedEvent event, DomainEventMessage<?> message) {
        versioned(message, null);
        sql.update("INSERT INTO order_document (order_id, sequence_number, kind, reference, issued_on,"
                        + " expires_on, supplied_at) VALUES (?, ?, ?, ?, ?, ?, ?)", event.orderId(),
                message.getSequenceNumber(), event.kind().name(), event.reference(), event.issuedOn(),
                event.expiresOn(), utc(event.occurredAt()));
        history(message, event.occurredAt(), event.kind() + " supplied (reference " + event.reference()
                + ", issued " + event.issuedOn() + ", expires " + event.expiresOn()
                + "), passed to the regulator");
    }

    /** Only the history changes: the order keeps its status and whatever the regulator waits for. */
    @EventHandler
    public void on(SupplyPassedOverEvent event, DomainEventMessage<?> message) {
        versioned(message, null);
        // "LAB_TEST_REPORT document", "usage scenario", or a name the contract adds, in words
        String what = event.documentKind() != null ? event.documentKind() + " document"
                : event.supply().toLowerCase(Locale.ROOT).replace('_', ' ');
        history(message, event.passedOverAt(), what + " (event " + event.supplyEventId()
                + ") passed over by the regulator: the application was already " + event.applicationState()
                + ", so it was not considered");
    }

    @EventHandler
    public void on(OrderAuthorizedEvent event, DomainEventMessage<?> message) {
        versioned(message, CLEAR_WAIT + ", status = ?, authorization_id = ?, decision = 'GRANTED', policy_version = ?,"
                        + " policy_clause = ?, decided_by = ?, decided_at = ?, revenue_share_rate = ?, revenue_share_due = ?, payee = ?",
                OrderStatus.AUTHORIZED, event.authorizationId(), event.policyVersion(), event.policyClause(),
                event.decidedBy(), event.decidedAt(), event.revenueShareRate(), event.revenueShareDue().value(),
                event.payee());
        history(message, event.decidedAt(), "authorized by " + event.authorizationId() + " (policy "
                + event.policyVersion() + clause(event.policyClause()) + ", decided by " + event.decidedBy() + "); revenue share due "
                + event.revenueShareDue() + " at rate " + event.revenueShareRate() + " to " + event.payee());
        countStep(OrderMetrics.AUTHORIZED, event.orderId());
        metrics.amount(OrderMetrics.SHARE_DUE, event.revenueShareDue());
    }

    @EventHandler
    public void on(OrderDeniedEvent event, DomainEventMessage<?> message) {
        versioned(message, CLEAR_WAIT + ", status = ?, authorization_id = ?, decision = 'DENIED', policy_version = ?,"
                        + " policy_clause = ?, decided_by = ?, decided_at = ?, denial_reasons = ?",
                OrderStatus.DENIED, event.authorizationId(), event.policyVersion(), event.policyClause(),
                event.decidedBy(), event.decidedAt(), DenialReasons.write(event.reasons()));
        String reasons = event.reasons().stream().map(OrderProjection::describe)
                .collect(Collectors.joining("; "));
        history(message, event.decidedAt(), "denied by " + event.authorizationId() + " (policy "
                + event.policyVersion() + clause(event.policyClause()) + "): " + reasons);
        countStep(OrderMetrics.DENIED, event.orderId());
    }

    @EventHandler
    public void on(AuthorizationIgnoredEvent event, DomainEventMessage<?> message) {
        versioned(message, null);
        history(message, event.decidedAt(), event.decision() + " " + event.authorizationId()
                + " arrived when the order was " + event.status() + " and was ignored");
    }

    @EventHandler
    public void on(RevenueSharePaidEvent event, DomainEventMessage<?> message) {
        versioned(message, "revenue_share_paid = revenue_share_paid + ?", event.amount().value());
        history(message, event.occurredAt(), "paid " + event.amount() + " to " + event.payee()
                + " (payment " + event.paymentId() + ", treasury reference " + event.treasuryReference() + ")");
        metrics.amount(OrderMetrics.SHARE_PAID, event.amount());
    }

    @EventHandler
    public void on(OrderSettledEvent event, DomainEventMessage<?> message) {
        versioned(message, "status = ?", OrderStatus.SETTLED);
        history(message, event.occurredAt(), "revenue share paid in full: " + event.revenueSharePaid());
        countStep(OrderMetrics.SETTLED, event.orderId());
    }

    @EventHandler
    public void on(OrderCancelledEvent event, DomainEventMessage<?> message) {
        versioned(message, CLEAR_WAIT + ", status = ?, voided_authorization_id = COALESCE(?, voided_authorization_id)",
                OrderStatus.CANCELLED, event.voidedAuthorizationId());
        String voided = event.voidedAuthorizationId() == null ? ""
                : ", voiding authorization " + event.voidedAuthorizationId();
        history(message, event.occurredAt(), "cancelled from " + event.previousStatus() + voided
                + (event.reason() == null ? "" : ": " + event.reason()));
        countStep(OrderMetrics.CANCELLED, event.orderId());
    }

    /**
     * Sets {@code assignments} (may be null: only the version moves) with their values, plus
     * updated_at and last_sequence, on the order's row if it is at an older version. Each event
     * moves its order's row exactly once; anything else is a bug, so the command fails.
     */
    private void versioned(DomainEventMessage<?> message, String assignments, Object... values) {
        writeNewOrders();
        Object[] params = Arrays.copyOf(values, values.length + 4);
        params[values.length] = message.getTimestamp();
        params[values.length + 1] = message.getSequenceNumber();
        params[values.length + 2] = message.getAggregateIdentifier();
        params[values.length + 3] = message.getSequenceNumber();
        int updated = sql.update("UPDATE order_view SET " + (assignments == null ? "" : assignments + ", ")
                + "updated_at = ?, last_sequence = ? WHERE order_id = ? AND last_sequence < ?", params);
        if (updated != 1) {
            throw new IllegalStateException("order_view of " + message.getAggregateIdentifier()
                    + " is not at a version before " + message.getSequenceNumber() + " (" + updated + " rows)");
        }
    }

    private void history(DomainEventMessage<?> message, Instant occurredAt, String summary) {
        writeNewOrders();
        sql.update(INSERT_HISTORY, historyRow(message, occurredAt, summary));
    }

    private static Object[] historyRow(DomainEventMessage<?> message, Instant occurredAt, String summary) {
        return new Object[] {message.getAggregateIdentifier(), message.getSequenceNumber(),
            message.getIdentifier(), typeName(message), utc(occurredAt), utc(message.getTimestamp()),
            EventPrincipal.of(message), summary.length() <= SUMMARY_CHARS_MAX ? summary
                : summary.substring(0, SUMMARY_CHARS_MAX - 1) + "…"};
    }

    /**
     * The new orders' rows of the current unit of work, written when it prepares its commit (in the
     * command's transaction: a failed write fails the command and none of the rows stay).
     */
    private NewOrders newOrders() {
        UnitOfWork<?> unit = CurrentUnitOfWork.get();
        return unit.getOrComputeResource(NEW_ORDERS, key -> {
            NewOrders rows = new NewOrders();
            unit.onPrepareCommit(u -> rows.write());
            return rows;
        });
    }

    /** Writes the rows waiting in the current unit of work, so the statements after see them. */
    private void writeNewOrders() {
        if (CurrentUnitOfWork.isStarted()) {
            NewOrders rows = CurrentUnitOfWork.get().getResource(NEW_ORDERS);
            if (rows != null) {
                rows.write();
            }
        }
    }

    /** A unit of work's new orders: their order_view and order_history rows, in event order. */
    private final class NewOrders {
        private final List<Object[]> views = new ArrayList<>();
        private final List<Object[]> histories = new ArrayList<>();

        void add(Object[] view, Object[] history) {
            views.add(view);
            histories.add(history);
        }

        void write() {
            if (views.isEmpty()) {
                return;
            }
            try (Connection connection = databases.dataSource().getConnection()) {
                insertAll(connection, INSERT_VIEW, views);
                insertAll(connection, INSERT_HISTORY, histories);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write the read model of " + views.size()
                        + " new orders", e);
            }
            views.clear();
            histories.clear();
        }
    }

    /** One JDBC batch; every row must be inserted (the values are already JDBC types). */
    private static void insertAll(Connection connection, String insert, List<Object[]> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 1, row[i]);
                }
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int count : counts) {
                if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException(count + " rows inserted instead of 1: " + insert);
                }
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private void countStep(String counter, String orderId) {
        writeNewOrders();
        sql.queryOne("SELECT currency, product_family FROM order_view WHERE order_id = ?",
                        r -> new String[] {r.getString(1).trim(), r.getString(2)}, orderId)
                .ifPresent(row -> metrics.count(counter, row[0], row[1]));
    }

    /** "OrderRequestedEvent" → "OrderRequested": the history names facts, not Java classes. */
    static String typeName(DomainEventMessage<?> message) {
        String simple = message.getPayloadType().getSimpleName();
        return simple.endsWith("Event") ? simple.substring(0, simple.length() - 5) : simple;
    }

    private static String clause(String clause) {
        return clause == null ? "" : " clause " + clause;
    }

    private static String describe(DenialReason reason) {
        return reason.code() + " (" + reason.track() + "): " + reason.text();
    }
}
