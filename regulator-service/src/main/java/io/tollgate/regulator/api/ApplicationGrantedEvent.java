package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Both tracks approved. {@code authorizationId} is made once, here; the conditions are those
 * of {@code policyVersion}. {@code note} is the officer's reason when an officer granted.
 *
 * @param usVolumeId    the product class and period ({@link UsVolumeId}) whose US volume the grant
 *                      counts against; null when no US-volume cap reached it, and in grants stored
 *                      before the cap existed
 * @param usVolumeRatio the cap's ratio the grant was counted under; null with {@code usVolumeId}
 */
@Revision("1")
public record ApplicationGrantedEvent(String orderId, String authorizationId,
                                      String requestEventId, String customerId, String quarter,
                                      long quantity, TrackOutcome usExport,
                                      TrackOutcome cnImport, String revenueShareRate,
                                      String payee, String policyVersion, String decidedBy,
                                      String note, Instant decidedAt,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String usVolumeId,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String usVolumeRatio) {

    /** A grant no US-volume cap reached. */
    public ApplicationGrantedEvent(String orderId, String authorizationId, String requestEventId,
                                   String customerId, String quarter, long quantity, TrackOutcome usExport,
                                   TrackOutcome cnImport, String revenueShareRate, String payee,
                                   String policyVersion, String decidedBy, String note, Instant decidedAt,
                                   String policyClause) {
        this(orderId, authorizationId, requestEventId, customerId, quarter, quantity, usExport, cnImport,
                revenueShareRate, payee, policyVersion, decidedBy, note, decidedAt, policyClause, null, null);
    }

    /** A grant that names no clause (as stored before decisions named theirs). */
    public ApplicationGrantedEvent(String orderId, String authorizationId, String requestEventId,
                                   String customerId, String quarter, long quantity, TrackOutcome usExport,
                                   TrackOutcome cnImport, String revenueShareRate, String payee,
                                   String policyVersion, String decidedBy, String note, Instant decidedAt) {
        this(orderId, authorizationId, requestEventId, customerId, quarter, quantity, usExport, cnImport,
                revenueShareRate, payee, policyVersion, decidedBy, note, decidedAt, null);
    }
}
