package io.tollgate.order.rest;

import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.order.api.OrderChange;
import io.tollgate.order.api.OrderStatus;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One change in the order change feed, as an ERP reads it.
 *
 * @param cursor     resume after this change: pass it as {@code cursor} (or, on the stream, it is
 *                   the event's id, which a reconnecting client sends as {@code Last-Event-ID})
 * @param orderId    the order that changed
 * @param sequence   the change's number in that order's history (0 is the request)
 * @param changeType what happened: {@value #CHANGE_TYPES}
 * @param status     the order's status once the change applied
 * @param occurredAt when it happened, where the event says
 * @param recordedAt when order-service stored it
 * @param waitingFor on an AuthorizationPending change, what the regulator waits for (USAGE_SCENARIO:
 *                   supply it; OFFICER_REVIEW; or a name added later); null on every other change
 */
@Schema(name = "OrderChange")
public record OrderChangeView(String cursor, String orderId, long sequence,
                              @Schema(description = "What happened: " + CHANGE_TYPES, example = "SupplyPassedOver")
                              String changeType,
                              OrderStatus status, @Schema(nullable = true) Instant occurredAt,
                              Instant recordedAt, @Schema(nullable = true) String waitingFor) {

    /** The change types, as the feed and the order's history name them; more may be added. */
    static final String CHANGE_TYPES = "OrderRequested, AuthorizationPending, UsageScenarioSupplied,"
            + " DocumentSupplied, SupplyPassedOver (the regulator passed over a scenario or document that came"
            + " after its decision; the status does not change), OrderAuthorized, OrderDenied,"
            + " AuthorizationIgnored, RevenueSharePaid, OrderSettled or OrderCancelled; a reader skips a type"
            + " it does not know";

    static OrderChangeView of(OrderChange change) {
        return new OrderChangeView(PageCursor.encode(change.position()), change.orderId(), change.sequence(),
                change.changeType(), change.status(), change.occurredAt(), change.recordedAt(), change.waitingFor());
    }
}
