package io.tollgate.ledger.posting;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an event came from: its id (the idempotency key), topic, partition and offset, the Kafka
 * record time (what park timeouts are measured from, so a rebuild reaches the same timeouts), the
 * principal who caused it (the event's own who-field; null for events from before the field existed)
 * and the producer's verified signature of it (its {@code dssematerial}; null where a test builds
 * one by hand). Every entry an event releases carries this principal into the journal and its hash,
 * and the signature into the journal beside it. A decision event also names the policy version and
 * the clause that decided it ({@code policyVersion}, {@code policyClause}; null for other events
 * and for decisions published before clauses were named): the entries it releases carry them into
 * the journal and its hash too.
 */
public record SourceRef(String eventId, String topic, int partition, long offset, Instant recordTime,
                        String principal, String signature, String policyVersion, String policyClause) {

    public SourceRef {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordTime, "recordTime");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }

    /** A source whose principal is not known yet ({@link LedgerEvent} fills it in from the event). */
    public SourceRef(String eventId, String topic, int partition, long offset, Instant recordTime) {
        this(eventId, topic, partition, offset, recordTime, null, null);
    }

    /** A source whose decision is not known yet ({@link LedgerEvent} fills it in from the event). */
    public SourceRef(String eventId, String topic, int partition, long offset, Instant recordTime,
                     String principal, String signature) {
        this(eventId, topic, partition, offset, recordTime, principal, signature, null, null);
    }

    public SourceRef withPrincipal(String who) {
        return Objects.equals(who, principal) ? this
                : new SourceRef(eventId, topic, partition, offset, recordTime, who, signature, policyVersion,
                        policyClause);
    }

    /** This source with the policy version and clause its event names (both null: none). */
    public SourceRef withDecision(String version, String clause) {
        return Objects.equals(version, policyVersion) && Objects.equals(clause, policyClause) ? this
                : new SourceRef(eventId, topic, partition, offset, recordTime, principal, signature, version,
                        clause);
    }

    /** The hash chain this source writes to: one per topic partition. */
    public String chainId() {
        return topic + "/" + partition;
    }
}
