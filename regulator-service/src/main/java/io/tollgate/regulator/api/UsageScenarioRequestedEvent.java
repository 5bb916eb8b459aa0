package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The CN import track needs a (better) usage scenario before anything is decided. */
@Revision("1")
public record UsageScenarioRequestedEvent(String orderId, Reason reason, TrackOutcome usExport,
                                          TrackOutcome cnImport, String policyVersion,
                                          Instant requestedAt) {
}
