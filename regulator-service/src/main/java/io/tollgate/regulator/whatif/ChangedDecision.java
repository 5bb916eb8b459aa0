package io.tollgate.regulator.whatif;

import java.time.Instant;

/** One decision of the rules the draft would have made otherwise, and how. */
public record ChangedDecision(String orderId, String customerId, Instant requestedAt, ChangeKind change,
                              RecordedDecision recorded, DraftDecision draft) {
}
