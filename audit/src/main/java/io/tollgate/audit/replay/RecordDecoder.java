package io.tollgate.audit.replay;

import io.tollgate.audit.rules.Source;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.signing.EventVerifier;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes a record with the contract's envelope codec, or says why the rules skip it (§1). */
public final class RecordDecoder {

    private RecordDecoder() {
    }

    /** How the reason of a record skipped for its signature starts. */
    public static final String SIGNATURE = "signature ";

    public static Decoded decode(ConsumerRecord<String, byte[]> record) {
        return decode(record, null);
    }

    /**
     * With a verifier, a record whose DSSE signature is missing, by a key not trusted for its
     * {@code ce_source}, or not matching its bytes is skipped with the reason; without one, no
     * signature is looked at (the records are taken as the broker holds them).
     */
    public static Decoded decode(ConsumerRecord<String, byte[]> record, EventVerifier verifier) {
        if (verifier != null) {
            try {
                verifier.verify(record.headers(), record.value());
            } catch (IllegalArgumentException e) {
                // SignatureRejectedException names the rule; a ce_time the digest cannot read too.
                return skip(SIGNATURE + e.getMessage());
            }
        }
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(record.topic(), record.headers(), record.value());
        } catch (ContractViolationException e) {
            return skip(e.getMessage());
        } catch (RuntimeException e) {
            // Not a contract violation the codec names, but undecodable all the same.
            return skip("undecodable: " + e);
        }
        if (record.key() != null && !record.key().equals(envelope.subject())) {
            return skip("key " + record.key() + " differs from ce_subject " + envelope.subject());
        }
        WireEvent event = envelope.event();
        Source source = new Source(envelope.id(), record.topic(), record.partition(),
                record.offset(), Instant.ofEpochMilli(record.timestamp()), principalOf(event));
        return new Decoded(source, event, null);
    }

    /** Who caused the event, as its producer wrote it (docs/ledger-rules.md §4, "Principal"). */
    static String principalOf(WireEvent event) {
        if (event instanceof OrderRequested r) {
            return r.requestedBy();
        }
        if (event instanceof AuthorizationGrantedV1 g) {
            return g.decidedBy();
        }
        if (event instanceof AuthorizationDeniedV1 d) {
            return d.decidedBy();
        }
        if (event instanceof OrderCancelledV1 c) {
            return c.cancelledBy();
        }
        if (event instanceof UsageScenarioSuppliedV1 s) {
            return s.suppliedBy();
        }
        if (event instanceof DocumentSuppliedV1 d) {
            return d.suppliedBy();
        }
        if (event instanceof AuthorizationPendingV1 || event instanceof SupplyPassedOverV1) {
            // The regulator's wait, or its passing over a late supply, names no one: the rules
            // act, no officer.
            return null;
        }
        return ((RevenueSharePaidV1) event).recordedBy();
    }

    private static Decoded skip(String reason) {
        return new Decoded(null, null, reason);
    }
}
