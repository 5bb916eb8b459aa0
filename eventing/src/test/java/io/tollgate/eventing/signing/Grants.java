package io.tollgate.eventing.signing;

import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Object mother of the signing tests: a grant envelope, and the record it encodes to. */
final class Grants {

    private Grants() {
    }

    static Envelope grant(String source, Instant decidedAt) {
        String orderId = UUID.randomUUID().toString();
        TrackDecision us = new TrackDecision(TrackDecision.US_EXPORT, TrackDecision.APPROVED, "BIS-1", null, null);
        TrackDecision cn = new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.APPROVED, "MOFCOM-1", null, null);
        AuthorizationGrantedV1 grant = new AuthorizationGrantedV1(orderId, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), us, cn, GrantConditions.defaults(), "1", "policy", decidedAt);
        return Envelope.of(UUID.randomUUID().toString(), source, grant);
    }

    /** A record (headers and value) as the codec writes it, not signed yet. */
    record Encoded(Headers headers, byte[] value) {
    }

    static Encoded encode(Envelope envelope) {
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(Topics.AUTHORIZATIONS.name(), headers, envelope);
        return new Encoded(headers, value);
    }
}
