package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A track refused; every reason is listed. */
@Revision("1")
public record ApplicationDeniedEvent(String orderId, String authorizationId,
                                     String requestEventId, List<Reason> reasons,
                                     TrackOutcome usExport, TrackOutcome cnImport,
                                     String policyVersion, String decidedBy,
                                     Instant decidedAt,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause) {

    /** A denial that names no clause (as stored before decisions named theirs). */
    public ApplicationDeniedEvent(String orderId, String authorizationId, String requestEventId,
                                  List<Reason> reasons, TrackOutcome usExport, TrackOutcome cnImport,
                                  String policyVersion, String decidedBy, Instant decidedAt) {
        this(orderId, authorizationId, requestEventId, reasons, usExport, cnImport, policyVersion, decidedBy,
                decidedAt, null);
    }
}
