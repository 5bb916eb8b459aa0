package io.tollgate.ledger.testing;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.WireEvent;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Object mother of wire events for one order, as the order and regulator services publish them. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    private static final AtomicLong OFFSETS = new AtomicLong();

    private Events() {
    }

    public static OrderRequestedV1 requested(String orderId, String customerId, String gross, String currency) {
        Money g = new Money(gross, currency);
        return new OrderRequestedV1(orderId, customerId, "Customer " + customerId, "H200-SXM-141GB", "H200", 1, g,
                g, "training", null, T0, "erp");
    }

    public static AuthorizationGrantedV1 granted(String orderId, String authorizationId) {
        return grantedAt(orderId, authorizationId, T0.plusSeconds(60));
    }

    public static AuthorizationGrantedV1 grantedAt(String orderId, String authorizationId, Instant at) {
        return new AuthorizationGrantedV1(orderId, authorizationId, "req-" + orderId,
                new TrackDecision(TrackDecision.US_EXPORT, TrackDecision.APPROVED, "L-1", null, null),
                new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.APPROVED, "C-1", null, null),
                GrantConditions.defaults(), "policy-1", "policy", at);
    }

    /** A grant naming the policy version and the clause that decided it. */
    public static AuthorizationGrantedV1 grantedUnder(String orderId, String authorizationId, String version,
                                                      String clause) {
        return new AuthorizationGrantedV1(orderId, authorizationId, "req-" + orderId,
                new TrackDecision(TrackDecision.US_EXPORT, TrackDecision.APPROVED, "L-1", null, null),
                new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.APPROVED, "C-1", null, null),
                GrantConditions.defaults(), version, "policy", T0.plusSeconds(60), clause);
    }

    public static AuthorizationDeniedV1 denied(String orderId, String authorizationId) {
        return new AuthorizationDeniedV1(orderId, authorizationId, "req-" + orderId,
                List.of(new DenialReason(TrackDecision.US_EXPORT, "PRODUCT_PROHIBITED", "Blackwell")), null, null,
                "policy-1", "policy", T0.plusSeconds(60));
    }

    public static RevenueSharePaidV1 paid(String orderId, String authorizationId, String amount, String currency) {
        return paidBy(orderId, authorizationId, amount, currency, "US-TREASURY");
    }

    public static RevenueSharePaidV1 paidBy(String orderId, String authorizationId, String amount, String currency,
                                           String payee) {
        return new RevenueSharePaidV1(orderId, "pay-" + UUID.randomUUID(), authorizationId,
                new Money(amount, currency), "TR-1", payee, T0.plusSeconds(3600), "treasury");
    }

    public static OrderCancelledV1 cancelledAuthorized(String orderId, String authorizationId) {
        return new OrderCancelledV1(orderId, "AUTHORIZED", authorizationId, "buyer withdrew", T0.plusSeconds(120),
                "erp");
    }

    public static OrderCancelledV1 cancelledRequested(String orderId) {
        return new OrderCancelledV1(orderId, "REQUESTED", null, "buyer withdrew", T0.plusSeconds(30), "erp");
    }

    /** Wraps an event as it would arrive: a fresh event id, its topic, partition 0, the next offset. */
    public static LedgerEvent arriving(WireEvent event) {
        return arriving(event, UUID.randomUUID().toString(), T0);
    }

    public static LedgerEvent arriving(WireEvent event, String eventId, Instant recordTime) {
        String topic = io.tollgate.contracts.EventTypes.topicOf(event).name();
        return new LedgerEvent(new SourceRef(eventId, topic, 0, OFFSETS.incrementAndGet(), recordTime), event);
    }

    public static String ordersTopic() {
        return Topics.ORDERS.name();
    }
}
