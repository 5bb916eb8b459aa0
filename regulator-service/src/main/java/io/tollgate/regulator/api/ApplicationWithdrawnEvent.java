package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The order was cancelled before a decision. */
@Revision("1")
public record ApplicationWithdrawnEvent(String orderId, ApplicationStatus previousStatus,
                                        String reason, Instant withdrawnAt) {
}
