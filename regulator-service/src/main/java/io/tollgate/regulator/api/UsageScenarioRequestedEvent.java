package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The CN import track needs a (better) usage scenario before anything is decided. */
@Revision("1")
public record UsageScenarioRequestedEvent(String orderId, Reason reason, TrackOutcome usExport,
                                          TrackOutcome cnImport, String policyVersion,
                                          Instant requestedAt,
                                          @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause) {

    /** A request that names no clause (as stored before decisions named theirs). */
    public UsageScenarioRequestedEvent(String orderId, Reason reason, TrackOutcome usExport,
                                       TrackOutcome cnImport, String policyVersion, Instant requestedAt) {
        this(orderId, reason, usExport, cnImport, policyVersion, requestedAt, null);
    }
}
