package io.tollgate.audit.rules;

/** An event the rules refused because a value is beyond a limit (docs/ledger-rules.md §1). */
public record Refusal(String eventId, String orderId, String topic, int partition, long offset,
                      String code, String reason) {
}
