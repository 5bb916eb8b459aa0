package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.TrackOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An application as the API shows it: where it stands on each track, why, under which policy
 * version and clause of it, and (in the detail view) everything that happened to it and its
 * documents.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationView(String orderId, String status, String customerId, String customerName,
                              String productSku, String productFamily, long quantity,
                              String usageScenario, String quarter, String policyVersion,
                              String policyClause, String authorizationId, String decidedBy, Tracks tracks,
                              List<Reason> reasons, boolean unitsReturned, String requestEventId,
                              Instant requestedAt, Instant receivedAt, Instant decidedAt,
                              Instant updatedAt, List<HistoryEntry> history, Documents documents,
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

    /**
     * The documents of an application (detail view): every one supplied, oldest first, and while it
     * is AWAITING_DOCUMENTS the kinds still missing or expired (else empty).
     */
    public record Documents(List<SuppliedDocumentEntry> supplied, List<MissingDocument> missing) {
    }

    /** One supplied document as recorded: never its bytes, their SHA-256. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SuppliedDocumentEntry(DocumentKind kind, String issuer, LocalDate issuedOn,
                                        LocalDate expiresOn, String reference, String sha256,
                                        String suppliedBy, Instant suppliedAt) {
    }

    public ApplicationView withHistory(List<HistoryEntry> entries) {
        return new ApplicationView(orderId, status, customerId, customerName, productSku, productFamily,
                quantity, usageScenario, quarter, policyVersion, policyClause, authorizationId, decidedBy, tracks,
                reasons, unitsReturned, requestEventId, requestedAt, receivedAt, decidedAt, updatedAt,
                List.copyOf(entries), documents, rowNo);
    }

    public ApplicationView withDocuments(Documents shown) {
        return new ApplicationView(orderId, status, customerId, customerName, productSku, productFamily,
                quantity, usageScenario, quarter, policyVersion, policyClause, authorizationId, decidedBy, tracks,
                reasons, unitsReturned, requestEventId, requestedAt, receivedAt, decidedAt, updatedAt,
                history, shown, rowNo);
    }
}
