package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.TrackOutcome;
import java.time.Instant;
import java.util.List;

/**
 * An application as the API shows it: where it stands on each track, why, under which policy
 * version and clause of it, and (in the detail view) everything that happened to it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationView(String orderId, String status, String customerId, String customerName,
                              String productSku, String productFamily, long quantity,
                              String usageScenario, String quarter, String policyVersion,
                              String policyClause, String authorizationId, String decidedBy, Tracks tracks,
                              List<Reason> reasons, boolean unitsReturned, String requestEventId,
                              Instant requestedAt, Instant receivedAt, Instant decidedAt,
                              Instant updatedAt, List<HistoryEntry> history,
                              @JsonIgnore long rowNo) {

    /** The two tracks; a track not evaluated yet is absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tracks(TrackOutcome usExport, TrackOutcome cnImport) {
    }

    /** One step of the application's history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(String event, String status, String track, String code, String text,
                               String policyVersion, String actor, Instant at) {
    }

    public ApplicationView withHistory(List<HistoryEntry> entries) {
        return new ApplicationView(orderId, status, customerId, customerName, productSku, productFamily,
                quantity, usageScenario, quarter, policyVersion, policyClause, authorizationId, decidedBy, tracks,
                reasons, unitsReturned, requestEventId, requestedAt, receivedAt, decidedAt, updatedAt,
                List.copyOf(entries), rowNo);
    }
}
