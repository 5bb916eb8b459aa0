package io.tollgate.order.query;

import static io.tollgate.eventing.db.SqlStatements.instant;

import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.order.api.AuthorizationIgnoredEvent;
import io.tollgate.order.api.AuthorizationPendingEvent;
import io.tollgate.order.api.ListOrderChangesQuery;
import io.tollgate.order.api.OrderAuthorizedEvent;
import io.tollgate.order.api.OrderCancelledEvent;
import io.tollgate.order.api.OrderChange;
import io.tollgate.order.api.OrderChangePage;
import io.tollgate.order.api.OrderDeniedEvent;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.api.OrderSettledEvent;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.RevenueSharePaidEvent;
import io.tollgate.order.api.UsageScenarioSuppliedEvent;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The order change feed ({@code order_change}): every event of every order, numbered in the order
 * the {@value #PROCESSOR} processor commits them. That processor streams the event store with one
 * segment, so one instance at a time numbers rows, each the highest position so far, in the
 * transaction that also moves the processor's token; a reader resuming after a position therefore
 * never misses a row committed later. The status each row names follows from the event alone (the
 * read model holds only the latest), so a replay from the start numbers the same statuses.
 */
@Singleton
public class OrderFeed {

    public static final String PROCESSOR = "order-feed";

    private final SqlStatements sql;
    private final FeedSignal signal;

    public OrderFeed(SqlStatements sql, FeedSignal signal) {
        this.sql = sql;
        this.signal = signal;
    }

    @EventHandler
    public void on(OrderRequestedEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.REQUESTED, event.occurredAt());
    }

    /** A wait only ever reaches a REQUESTED order (the aggregate drops it otherwise). */
    @EventHandler
    public void on(AuthorizationPendingEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.REQUESTED, event.pendingSince(), event.waitingFor());
    }

    @EventHandler
    public void on(UsageScenarioSuppliedEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.REQUESTED, event.occurredAt());
    }

    @EventHandler
    public void on(OrderAuthorizedEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.AUTHORIZED, event.decidedAt());
    }

    @EventHandler
    public void on(OrderDeniedEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.DENIED, event.decidedAt());
    }

    @EventHandler
    public void on(AuthorizationIgnoredEvent event, DomainEventMessage<?> message) {
        append(message, event.status(), event.decidedAt());
    }

    /** A payment is only taken while the order is authorized; the one that settles it comes next. */
    @EventHandler
    public void on(RevenueSharePaidEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.AUTHORIZED, event.occurredAt());
    }

    @EventHandler
    public void on(OrderSettledEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.SETTLED, event.occurredAt());
    }

    @EventHandler
    public void on(OrderCancelledEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.CANCELLED, event.occurredAt());
    }

    /**
     * The changes after {@code query.after()}, oldest first: at most {@code limit}, only the
     * client's own when it names one.
     */
    @QueryHandler
    public OrderChangePage handle(ListOrderChangesQuery query) {
        List<OrderChange> rows = query.client() == null
                ? sql.query("SELECT * FROM order_change WHERE position > ? ORDER BY position LIMIT "
                        + query.limit(), OrderFeed::change, query.after())
                : sql.query("SELECT * FROM order_change WHERE client = ? AND position > ? ORDER BY position"
                        + " LIMIT " + query.limit(), OrderFeed::change, query.client(), query.after());
        return new OrderChangePage(rows, rows.isEmpty() ? query.after() : rows.get(rows.size() - 1).position());
    }

    /**
     * Adds the event's row unless it has one (a batch redelivered after a lost token claim), at the
     * next position. The position is read from the table, not kept in memory: the segment may have
     * moved here from another instance since this one last wrote.
     */
    private void append(DomainEventMessage<?> message, OrderStatus status, Instant occurredAt) {
        append(message, status, occurredAt, null);
    }

    /** @param waitingFor what the regulator waits for, on an AuthorizationPending row; else null */
    private void append(DomainEventMessage<?> message, OrderStatus status, Instant occurredAt, String waitingFor) {
        String eventId = message.getIdentifier();
        if (sql.queryOne("SELECT 1 FROM order_change WHERE event_id = ?", r -> 1, eventId).isPresent()) {
            return;
        }
        // The owner never changes after the request; the read model has it by now (written in the
        // request's own transaction, before this processor could see the event).
        sql.update("INSERT INTO order_change (position, event_id, order_id, sequence_number, client, change_type,"
                        + " status, occurred_at, recorded_at, waiting_for)"
                        + " VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM order_change), ?, ?, ?,"
                        + " (SELECT client FROM order_view WHERE order_id = ?), ?, ?, ?, ?, ?)",
                eventId, message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getAggregateIdentifier(), OrderProjection.typeName(message), status.name(), occurredAt,
                message.getTimestamp(), waitingFor);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> signal.changed());
        }
    }

    private static OrderChange change(ResultSet row) throws SQLException {
        return new OrderChange(row.getLong("position"), row.getString("order_id"), row.getLong("sequence_number"),
                row.getString("change_type"), OrderStatus.valueOf(row.getString("status")),
                instant(row, "occurred_at"), instant(row, "recorded_at"), row.getString("waiting_for"));
    }
}
