package io.tollgate.order.query;

import static io.tollgate.eventing.db.SqlStatements.instant;

import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.order.api.AuthorizationIgnoredEvent;
import io.tollgate.order.api.AuthorizationPendingEvent;
import io.tollgate.order.api.DocumentSuppliedEvent;
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
import io.tollgate.order.api.SupplyPassedOverEvent;
import io.tollgate.order.api.UsageScenarioSuppliedEvent;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
    /** Ids looked up per statement: a fixed list length, one statement to parse. */
    private static final int IDS_PER_LOOKUP = 128;
    private static final String IN_LIST = "?, ".repeat(IDS_PER_LOOKUP - 1) + "?";
    /** The unit of work's resource holding its rows until they are numbered. */
    private static final String CHANGES = OrderFeed.class.getName() + ".changes";

    private final SqlStatements sql;
    private final Databases databases;
    private final FeedSignal signal;

    public OrderFeed(SqlStatements sql, Databases databases, FeedSignal signal) {
        this.sql = sql;
        this.databases = databases;
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
    public void on(DocumentSuppliedEvent event, DomainEventMessage<?> message) {
        append(message, OrderStatus.REQUESTED, event.occurredAt());
    }

    /** A passed-over supply leaves the order in the status it had; the event names it. */
    @EventHandler
    public void on(SupplyPassedOverEvent event, DomainEventMessage<?> message) {
        append(message, event.status(), event.passedOverAt());
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
     * The feed's current end: the highest position numbered so far (0 while the feed is empty).
     * Positions only grow and none is ever numbered below a readable one, so a reader that starts
     * after it misses no change committed later.
     */
    public long end() {
        return sql.queryOne("SELECT COALESCE(MAX(position), 0) FROM order_change", r -> r.getLong(1)).orElse(0L);
    }

    /**
     * Adds the event's row unless it has one (a batch redelivered after a lost token claim), after
     * every row so far. The rows of the processor's batch wait in its unit of work and are numbered
     * and written together when it prepares its commit, in the transaction that moves the token.
     */
    private void append(DomainEventMessage<?> message, OrderStatus status, Instant occurredAt) {
        append(message, status, occurredAt, null);
    }

    /** @param waitingFor what the regulator waits for, on an AuthorizationPending row; else null */
    private void append(DomainEventMessage<?> message, OrderStatus status, Instant occurredAt, String waitingFor) {
        UnitOfWork<?> unit = CurrentUnitOfWork.get();
        Changes changes = unit.getOrComputeResource(CHANGES, key -> {
            Changes rows = new Changes();
            unit.onPrepareCommit(u -> rows.write());
            unit.afterCommit(u -> {
                if (rows.written > 0) {
                    signal.changed();
                }
            });
            return rows;
        });
        changes.add(new Change(message.getIdentifier(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), OrderProjection.typeName(message), status, occurredAt,
                message.getTimestamp(), waitingFor));
    }

    /** A row to number: the event behind it and what the row says. */
    private record Change(String eventId, String orderId, long sequenceNumber, String changeType,
                          OrderStatus status, Instant occurredAt, Instant recordedAt, String waitingFor) {
    }

    /** The rows of one unit of work, in the order the processor handled their events. */
    private final class Changes {
        private final Map<String, Change> byEvent = new LinkedHashMap<>();
        private int written;

        void add(Change change) {
            byEvent.putIfAbsent(change.eventId(), change);
        }

        /**
         * Leaves out the events that have a row, reads the owners and the highest position (from
         * the table: the segment may have moved here from another instance since this one last
         * wrote), and inserts the rest in one JDBC batch, numbered on from there.
         */
        void write() {
            List<String> eventIds = new ArrayList<>(byEvent.keySet());
            Set<String> numbered = new HashSet<>();
            Map<String, String> owners = new HashMap<>();
            for (int from = 0; from < eventIds.size(); from += IDS_PER_LOOKUP) {
                numbered.addAll(sql.query("SELECT event_id FROM order_change WHERE event_id IN ("
                        + IN_LIST + ")", r -> r.getString(1), padded(eventIds, from)));
            }
            List<Change> fresh = byEvent.values().stream().filter(c -> !numbered.contains(c.eventId())).toList();
            // The owner never changes after the request; the read model has it by now (written in
            // the request's own transaction, before this processor could see the event).
            List<String> orderIds = fresh.stream().map(Change::orderId).distinct().toList();
            for (int from = 0; from < orderIds.size(); from += IDS_PER_LOOKUP) {
                sql.query("SELECT order_id, client FROM order_view WHERE order_id IN (" + IN_LIST + ")",
                        r -> owners.put(r.getString(1), r.getString(2)), padded(orderIds, from));
            }
            if (fresh.isEmpty()) {
                return;
            }
            long last = end();
            insert(fresh, owners, last);
            written = fresh.size();
        }

        private void insert(List<Change> fresh, Map<String, String> owners, long last) {
            try (Connection connection = databases.dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO order_change (position,"
                         + " event_id, order_id, sequence_number, client, change_type, status, occurred_at,"
                         + " recorded_at, waiting_for) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long position = last;
                for (Change change : fresh) {
                    insert.setLong(1, ++position);
                    insert.setString(2, change.eventId());
                    insert.setString(3, change.orderId());
                    insert.setLong(4, change.sequenceNumber());
                    insert.setString(5, owners.get(change.orderId()));
                    insert.setString(6, change.changeType());
                    insert.setString(7, change.status().name());
                    insert.setObject(8, utc(change.occurredAt()));
                    insert.setObject(9, utc(change.recordedAt()));
                    insert.setString(10, change.waitingFor());
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot number " + fresh.size() + " order changes after "
                        + last, e);
            }
        }
    }

    /** {@link #IDS_PER_LOOKUP} ids from {@code from} on, the last repeated to fill the list. */
    private static Object[] padded(List<String> ids, int from) {
        int to = Math.min(ids.size(), from + IDS_PER_LOOKUP);
        Object[] params = new Object[IDS_PER_LOOKUP];
        for (int i = 0; i < IDS_PER_LOOKUP; i++) {
            params[i] = ids.get(Math.min(from + i, to - 1));
        }
        return params;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static OrderChange change(ResultSet row) throws SQLException {
        return new OrderChange(row.getLong("position"), row.getString("order_id"), row.getLong("sequence_number"),
                row.getString("change_type"), OrderStatus.valueOf(row.getString("status")),
                instant(row, "occurred_at"), instant(row, "recorded_at"), row.getString("waiting_for"));
    }
}
