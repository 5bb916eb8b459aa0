package io.tollgate.contracts;

import java.util.List;

/**
 * Every Kafka topic Tollgate uses, by name, in one place. Keys are order ids (UTF-8 strings);
 * values are CloudEvents in binary mode, written and read by {@link EnvelopeSerde} (the one serde
 * of every event topic, so the topic does not repeat it).
 */
public final class Topics {

    /**
     * Order events: requested, usage scenario or document supplied, revenue share paid, cancelled.
     * Produced by order-service.
     */
    public static final Topic ORDERS = new Topic("tollgate.orders.v1");

    /**
     * Authorization decisions (granted, denied), waits (pending) and supplies passed over after the
     * decision. Produced by regulator-service.
     */
    public static final Topic AUTHORIZATIONS = new Topic("tollgate.authorizations.v1");

    /**
     * The ledger's signed checkpoints of its hash chains ({@link LedgerCheckpointAnchoredV1}), keyed
     * by chain id. Produced by ledger-service; kept forever: it is what an edit of the ledger's
     * database cannot reach.
     */
    public static final Topic LEDGER_CHECKPOINTS = new Topic("tollgate.ledger-checkpoints.v1");

    /** The event topics, in the order the ledger lists them. */
    public static final List<Topic> EVENT_TOPICS = List.of(ORDERS, AUTHORIZATIONS);

    /** Every topic with a contract (events and anchors): what some service publishes. */
    public static final List<Topic> CONTRACT_TOPICS = List.of(ORDERS, AUTHORIZATIONS, LEDGER_CHECKPOINTS);

    /** Suffix of every dead-letter topic: {@code <consumer group>.dlt}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Header on a dead-letter record: why it was rejected. */
    public static final String DLT_REASON_HEADER = "tollgate_dlt_reason";
    /** Header on a dead-letter record: the topic, partition and offset it came from. */
    public static final String DLT_ORIGIN_HEADER = "tollgate_dlt_origin";
    /** Header on a dead-letter record: the consumer group that rejected it. */
    public static final String DLT_CONSUMER_HEADER = "tollgate_dlt_consumer";

    private Topics() {
    }

    /**
     * The dead-letter topic of one consumer group, e.g. {@code tollgate.ledger.dlt}. One per consumer
     * group (not per source topic), so a rejection names who rejected it and never loops back.
     */
    public static Topic deadLetterFor(String consumerGroup) {
        if (consumerGroup == null || !consumerGroup.matches("[a-z0-9.\\-]{1,200}")) {
            throw new IllegalArgumentException("consumer group must be lowercase [a-z0-9.-]: " + consumerGroup);
        }
        return new Topic(consumerGroup + DEAD_LETTER_SUFFIX);
    }

    /** A topic, by name. */
    public record Topic(String name) {
        public Topic {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("topic name is required");
            }
        }
    }
}
