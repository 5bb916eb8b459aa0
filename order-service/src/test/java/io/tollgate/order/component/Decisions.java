package io.tollgate.order.component;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.TrackDecision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Authorization decisions as regulator-service would publish them (CloudEvents envelopes). */
final class Decisions {

    static final String SOURCE = Provenance.REGULATOR_SERVICE;
    /** The clause a granting decision of these tests names. */
    static final String CLAUSE = "case-by-case-h200-class";

    private Decisions() {
    }

    static Envelope grant(String orderId, String authorizationId) {
        TrackDecision us = new TrackDecision(TrackDecision.US_EXPORT, TrackDecision.APPROVED, "BIS-1", null, null);
        TrackDecision cn = new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.APPROVED, "MOFCOM-1", null, null);
        AuthorizationGrantedV1 grant = new AuthorizationGrantedV1(orderId, authorizationId,
                UUID.randomUUID().toString(), us, cn, GrantConditions.defaults(), "policy-2026.1", "policy",
                Instant.now(), CLAUSE);
        return Envelope.of(UUID.randomUUID().toString(), SOURCE, grant);
    }

    static Envelope deny(String orderId, String authorizationId) {
        AuthorizationDeniedV1 denial = new AuthorizationDeniedV1(orderId, authorizationId,
                UUID.randomUUID().toString(),
                List.of(new DenialReason(TrackDecision.US_EXPORT, "CUSTOMER_NOT_DESIGNATED", "not on the register")),
                null, null, "policy-2026.1", "policy", Instant.now(), "designated-register");
        return Envelope.of(UUID.randomUUID().toString(), SOURCE, denial);
    }

    /** The regulator passed over a supply of the order's (the record {@code supplyEventId}), too late. */
    static Envelope passedOver(String orderId, String supplyEventId, DocumentKind kind, String applicationState) {
        SupplyPassedOverV1 passedOver = new SupplyPassedOverV1(orderId,
                kind == null ? SupplyPassedOverV1.USAGE_SCENARIO : SupplyPassedOverV1.DOCUMENT, supplyEventId, kind,
                applicationState, Instant.now());
        return Envelope.of(UUID.randomUUID().toString(), SOURCE, passedOver);
    }

    /** The same decision published again under a new CloudEvents id (a regulator retry). */
    static Envelope republished(Envelope envelope) {
        return new Envelope(UUID.randomUUID().toString(), envelope.type(), envelope.source(), envelope.time(),
                envelope.subject(), envelope.event());
    }
}
