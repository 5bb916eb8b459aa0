package io.tollgate.order.api;

import java.time.Instant;

/**
 * One event of an order's history.
 *
 * @param occurredAt when it happened in the business (null when the event has no business time)
 * @param recordedAt when order-service stored it
 * @param principal  who caused it: the authenticated caller, {@code system:order-service} for a
 *                   regulator decision the consumer applied, or null for events stored before
 *                   principals were recorded
 */
public record HistoryEntry(long sequence, String eventId, String type, Instant occurredAt,
                           Instant recordedAt, String principal, String summary) {
}
