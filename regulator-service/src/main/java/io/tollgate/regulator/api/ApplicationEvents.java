package io.tollgate.regulator.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Events of the {@code Application} aggregate. Stored forever: fields are only ever added, and a
 * breaking change is a new revision with an upcaster.
 */
public final class ApplicationEvents {

    private ApplicationEvents() {
    }

    /** An order asked for authorization. {@code quarter} is the unit-cap period of the order. */
    @Revision("1")
    public record ApplicationReceivedEvent(String orderId, String requestEventId, String customerId,
                                           String customerName, String productSku,
                                           String productFamily, long quantity,
                                           String usageScenario, String quarter,
                                           Instant requestedAt, Instant receivedAt) {
    }

    /** The CN import track needs a (better) usage scenario before anything is decided. */
    @Revision("1")
    public record UsageScenarioRequestedEvent(String orderId, Reason reason, TrackOutcome usExport,
                                              TrackOutcome cnImport, String policyVersion,
                                              Instant requestedAt) {
    }

    /** The buyer supplied a usage scenario the CN import rule accepts. */
    @Revision("1")
    public record UsageScenarioSuppliedEvent(String orderId, String usageScenario, Instant suppliedAt) {
    }

    /** The rules cannot decide; the application waits for a compliance officer. */
    @Revision("1")
    public record ReviewRequestedEvent(String orderId, TrackOutcome usExport, TrackOutcome cnImport,
                                       String policyVersion, Instant requestedAt) {
    }

    /**
     * Both tracks approved. {@code authorizationId} is made once, here; the conditions are those
     * of {@code policyVersion}. {@code note} is the officer's reason when an officer granted.
     */
    @Revision("1")
    public record ApplicationGrantedEvent(String orderId, String authorizationId,
                                          String requestEventId, String customerId, String quarter,
                                          long quantity, TrackOutcome usExport,
                                          TrackOutcome cnImport, String revenueShareRate,
                                          String payee, String policyVersion, String decidedBy,
                                          String note, Instant decidedAt) {
    }

    /** A track refused; every reason is listed. */
    @Revision("1")
    public record ApplicationDeniedEvent(String orderId, String authorizationId,
                                         String requestEventId, List<Reason> reasons,
                                         TrackOutcome usExport, TrackOutcome cnImport,
                                         String policyVersion, String decidedBy,
                                         Instant decidedAt) {
    }

    /** The order was cancelled before a decision. */
    @Revision("1")
    public record ApplicationWithdrawnEvent(String orderId, ApplicationStatus previousStatus,
                                            String reason, Instant withdrawnAt) {
    }

    /** A granted order was cancelled: its units go back to the customer's quarter; the grant stands. */
    @Revision("1")
    public record GrantedUnitsReturnedEvent(String orderId, String authorizationId, String customerId,
                                            String quarter, long quantity, Instant returnedAt) {
    }
}
