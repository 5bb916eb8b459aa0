package io.tollgate.order.api;

import java.time.Instant;

/**
 * One event of an order's history.
 *
 * @param occurredAt when it happened in the business (null when the event has no business time)
 * @param recordedAt when order-service stored it
 */
public record HistoryEntry(long sequence, String eventId, String type, Instant occurredAt,
                           Instant recordedAt, String summary) {
}
