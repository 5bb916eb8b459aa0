package io.tollgate.ledger.anchor;

import io.tollgate.contracts.AnchorCodec;
import io.tollgate.contracts.LedgerCheckpointAnchoredV1;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.kafka.KafkaClients;
import io.tollgate.eventing.signing.EventSigning;
import io.tollgate.eventing.signing.EventVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the whole anchors topic back (by assignment, no consumer group) and verifies each record's
 * signature against the trusted keys: what the live verify holds the chains against. A record
 * that is not a signed anchor by the ledger's key is kept as the first rejection, never as an anchor.
 */
@ApplicationScoped
public class PublishedAnchors {

    /** Bound on the anchors one read keeps (about 200 bytes each). */
    public static final int ANCHORS_MAX = 2_000_000;
    private static final int POLL_RECORDS_MAX = 2_000;

    private final KafkaClients kafka;
    private final EventSigning signing;
    private final Duration readTimeout;

    @Inject
    public PublishedAnchors(KafkaClients kafka, EventSigning signing,
                            @ConfigProperty(name = "tollgate.ledger.anchor-read-timeout") Duration readTimeout) {
        this.kafka = kafka;
        this.signing = signing;
        this.readTimeout = readTimeout;
    }

    /** Reads every anchor up to the end offsets now. */
    public AnchorSet read() {
        EventVerifier verifier = signing.verifier();
        AnchorSet set = new AnchorSet();
        Instant deadline = Instant.now().plus(readTimeout);
        try (KafkaConsumer<String, byte[]> consumer = kafka.replayConsumer("anchor-check", POLL_RECORDS_MAX)) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.LEDGER_CHECKPOINTS.name(), readTimeout);
            if (infos == null || infos.isEmpty()) {
                return set;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, readTimeout));
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), readTimeout) < e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + Topics.LEDGER_CHECKPOINTS.name()
                            + " to its end within " + readTimeout + " (tollgate.ledger.anchor-read-timeout)");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        add(set, verifier, r);
                    }
                }
            }
        }
        return set;
    }

    /** Takes the record as an anchor if it is one, signed by a trusted ledger key; else records why not. */
    static void add(AnchorSet set, EventVerifier verifier, ConsumerRecord<String, byte[]> r) {
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        try {
            verifier.verify(r.headers(), r.value());
            LedgerCheckpointAnchoredV1 a = AnchorCodec.decode(r.headers(), r.value());
            if (set.size() >= ANCHORS_MAX) {
                throw new IllegalStateException("more than " + ANCHORS_MAX + " anchors on "
                        + Topics.LEDGER_CHECKPOINTS.name());
            }
            set.add(new ChainPoint(a.generation(), a.chainId(), a.seq(), a.entryHash(), a.balanceDigest()), where);
        } catch (IllegalArgumentException e) {
            // SignatureRejectedException and ContractViolationException both: the record is no anchor.
            set.reject(where + ": " + e.getMessage());
        }
    }
}
