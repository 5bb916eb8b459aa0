package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The rules cannot decide; the application waits for a compliance officer. */
@Revision("1")
public record ReviewRequestedEvent(String orderId, TrackOutcome usExport, TrackOutcome cnImport,
                                   String policyVersion, Instant requestedAt,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause) {

    /** A referral that names no clause (as stored before decisions named theirs). */
    public ReviewRequestedEvent(String orderId, TrackOutcome usExport, TrackOutcome cnImport,
                                String policyVersion, Instant requestedAt) {
        this(orderId, usExport, cnImport, policyVersion, requestedAt, null);
    }
}
