package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The rules cannot decide; the application waits for a compliance officer. */
@Revision("1")
public record ReviewRequestedEvent(String orderId, TrackOutcome usExport, TrackOutcome cnImport,
                                   String policyVersion, Instant requestedAt) {
}
