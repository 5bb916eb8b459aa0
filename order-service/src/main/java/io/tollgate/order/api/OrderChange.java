package io.tollgate.order.api;

import java.time.Instant;

/**
 * One change of one order, as the change feed gives it: which event, and the status it left the
 * order in.
 *
 * @param position   where the change stands in the feed (the feed's cursors are made from it)
 * @param orderId    the order
 * @param sequence   the event's number in the order's own history (0 is the request)
 * @param changeType what happened, named as in the order's history ({@code OrderAuthorized}, ...)
 * @param status     the order's status once the change applied
 * @param occurredAt when it happened (the decision's or payment's time), if the event says
 * @param recordedAt when order-service stored it
 * @param waitingFor what the regulator's application waits for, on an AuthorizationPending change;
 *                   null on every other
 */
public record OrderChange(long position, String orderId, long sequence, String changeType,
                          OrderStatus status, Instant occurredAt, Instant recordedAt, String waitingFor) {
}
