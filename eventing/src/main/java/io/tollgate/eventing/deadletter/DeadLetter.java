package io.tollgate.eventing.deadletter;

import java.time.Instant;
import java.util.List;

/**
 * A dead letter as operators see it: where the record came from, why it was refused, where it
 * stands, how many records of its key wait behind it, and every action taken on it.
 *
 * @param orderId the record key (the order id), or null when the record had none usable
 * @param parked  records of the same consumer group and key parked until it is resolved
 */
public record DeadLetter(long id, String consumerGroup, String topic, int partition, long offset,
                         String eventId, String orderId, String code, String reason,
                         Instant deadLetteredAt, DeadLetterStatus status, long parked,
                         List<DeadLetterAction> actions) {
}
