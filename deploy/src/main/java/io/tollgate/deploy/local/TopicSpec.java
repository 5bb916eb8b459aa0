package io.tollgate.deploy.local;

import io.tollgate.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A topic the local stack creates: name, partitions and topic-level configs. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    /** Six partitions: the ceiling for consumer instances per group, and the HPA bound in k8s/. */
    public static final int PARTITIONS_DEFAULT = 6;

    /** The event topics are the audit history: they are never deleted by time or size. */
    public static final Map<String, String> KEEP_FOREVER = Map.of(
        "retention.ms", "-1",
        "retention.bytes", "-1");

    public TopicSpec {
        if (name == null || !name.matches("[a-z0-9.\\-]{1,200}")) {
            throw new IllegalArgumentException("bad topic name: " + name);
        }
        if (partitions < 1 || partitions > 1_000) {
            throw new IllegalArgumentException("partitions out of range: " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /**
     * The topics of the stack: the two event topics and the ledger's anchors topic (names as in
     * contracts' {@code Topics}) and the
     * dead-letter topic of each consumer group ({@code <group>.dlt}, group = the service name).
     */
    public static List<TopicSpec> tollgateTopics() {
        List<TopicSpec> topics = new ArrayList<>();
        for (Topics.Topic topic : Topics.EVENT_TOPICS) {
            topics.add(new TopicSpec(topic.name(), PARTITIONS_DEFAULT, KEEP_FOREVER));
        }
        // The ledger's signed anchors: what an auditor holds its database to, so never deleted either.
        topics.add(new TopicSpec(Topics.LEDGER_CHECKPOINTS.name(), PARTITIONS_DEFAULT, KEEP_FOREVER));
        for (ServiceSpec service : ServiceSpec.ALL) {
            // Dead letters are evidence for an operator: kept as long as the events they refer to.
            String name = Topics.deadLetterFor(service.consumerGroup()).name();
            topics.add(new TopicSpec(name, PARTITIONS_DEFAULT, KEEP_FOREVER));
        }
        return List.copyOf(topics);
    }
}
