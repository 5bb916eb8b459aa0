package io.tollgate.eventing.kafka;

import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Provenance;
import io.tollgate.eventing.signing.EventSigning;
import io.tollgate.eventing.signing.EventVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a consumed record into an event only when everything about it checks out, in this order:
 * the CloudEvents headers are there, its signature (by a trusted key of the service named as {@code ce_source}, over exactly these
 * attributes and data), the contract (envelope, topic, type and source, key = subject, the time the
 * signature covers) and the consumer's own allowlist. Anything else is a
 * {@link ContractViolationException} whose message is the dead-letter reason. The live loops and
 * the ledger's rebuild both decode through here, so a replay trusts exactly what the loop trusted.
 */
@ApplicationScoped
public class RecordDecoder {

    private final EventSigning signing;

    @Inject
    public RecordDecoder(EventSigning signing) {
        this.signing = signing;
    }

    /** Loads the trusted keys now, so a consumer without any stops at start-up naming the setting. */
    public void requireKeys() {
        signing.verifier();
    }

    /**
     * Decodes and verifies one record for a consumer that accepts {@code accepts}.
     *
     * @throws ContractViolationException (a {@code SignatureRejectedException} for the signature)
     */
    public IncomingEvent decode(ConsumerRecord<String, byte[]> record, Set<Provenance.Route> accepts) {
        // A record without the CloudEvents headers is no event at all: a contract violation.
        EnvelopeCodec.requireHeaders(record.headers());
        EventVerifier.Verified verified = signing.verifier().verify(record.headers(), record.value());
        Envelope envelope = EnvelopeCodec.decode(record.topic(), record.headers(), record.value());
        if (record.key() != null && !record.key().equals(envelope.subject())) {
            throw new ContractViolationException("key", "must equal ce_subject (the order id)");
        }
        // The signature covers ce_time to the second only; the data it covers holds the full instant.
        if (!envelope.time().equals(envelope.event().occurredAt())) {
            throw new ContractViolationException("ce_time", "must equal the data's occurredAt "
                    + envelope.event().occurredAt() + ", got " + envelope.time());
        }
        Provenance.Route route = new Provenance.Route(record.topic(), envelope.type(), envelope.source());
        if (!accepts.contains(route)) {
            throw new ContractViolationException("ce_type", "is not accepted by this consumer: "
                    + envelope.type() + " from " + envelope.source() + " on " + record.topic());
        }
        return new IncomingEvent(envelope, record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), verified.material());
    }
}
