package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Everything else granted the application (the rules, or an officer), but its units do not fit
 * within the US-volume cap of its product class and period: it waits, with the figures, until US
 * shipment reports make room or {@code expiresAt} passes. {@code usExport} is pending with code
 * {@link ReasonCode#US_VOLUME_CAP_EXCEEDED} and the figures in its text.
 *
 * @param officer the officer who granted it, decided again as that officer's grant; null when the
 *                rules granted
 * @param note    the officer's reason; null when the rules granted
 */
@Revision("1")
public record UsVolumeAwaitedEvent(String orderId, String productClass, String period, long units,
                                   long usUnits, long authorizedUnits, long unitsWaitingAhead,
                                   long allowedUnits, String ratio, TrackOutcome usExport,
                                   TrackOutcome cnImport, String policyVersion, String policyClause,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) String officer,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) String note,
                                   Instant awaitingSince, Instant expiresAt) {
}
