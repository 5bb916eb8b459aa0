package io.tollgate.regulator.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A track refused; every reason is listed. */
@Revision("1")
public record ApplicationDeniedEvent(String orderId, String authorizationId,
                                     String requestEventId, List<Reason> reasons,
                                     TrackOutcome usExport, TrackOutcome cnImport,
                                     String policyVersion, String decidedBy,
                                     Instant decidedAt) {
}
