package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: under load from 8 clients, each service in turn is stopped, its consumer group is
 * reset to offset 0 on every partition with the Kafka admin client, and it is started again, so
 * it receives every record of its topics a second time. A full redelivery changes nothing: no
 * decision, remittance or journal entry twice, no dead letter, balances as the reference model.
 */
class ConsumerGroupResetFaultIT extends FaultCase {

    private static final Logger LOG = Logger.getLogger(ConsumerGroupResetFaultIT.class.getName());
    private static final Duration ADMIN_CALL = Duration.ofSeconds(30);
    /** A stopped member leaves its group at once; a crashed one only after the session timeout. */
    private static final Duration GROUP_EMPTY = Duration.ofSeconds(120);
    private static final Duration REDELIVERED = Duration.ofSeconds(300);
    /** A group's first commit waits for its first records: the regulator's first decisions. */
    private static final Duration GROUP_CONSUMED = Duration.ofSeconds(180);


    @Override
    protected String stackName() {
        return "fault-reset";
    }

    @Test
    void everyGroupResetToZeroUnderLoadRedeliversEverythingAndChangesNothing() throws Exception {
        startLoad("reset");
        long redelivered = 0;
        Map<String, Map<TopicPartition, Long>> endAtReset = new HashMap<>();
        for (ServiceProcess service : stack.services()) {
            // enough history that a redelivery means something: orders authorized and paid, and
            // the group has committed what it consumed (the regulator may lag the intake)
            awaitMoreOrders(40);
            String group = "tollgate." + service.name();
            awaitCommittedOffsets(group);
            service.stop();
            Map<TopicPartition, Long> ends = resetToZero(group);
            endAtReset.put(group, ends);
            long records = ends.values().stream().mapToLong(Long::longValue).sum();
            redelivered += records;
            LOG.info(() -> group + " reset to 0 on " + ends.size() + " partitions: " + records
                + " records to redeliver");
            stack.restart(service);
        }
        awaitMoreOrders(16);
        load.stop();
        for (Map.Entry<String, Map<TopicPartition, Long>> group : endAtReset.entrySet()) {
            awaitCommittedPast(group.getKey(), group.getValue());
        }
        FaultVerdict.judge("consumer groups reset to 0", stack, load, redelivered, Set.of());
    }

    /** Sets every committed offset of the (empty) group to 0; returns the end offsets at that time. */
    private Map<TopicPartition, Long> resetToZero(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        assertThat(committed).as(group + " has committed offsets to reset").isNotEmpty();
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        committed.keySet().forEach(tp -> zero.put(tp, new OffsetAndMetadata(0)));
        await(group + " empty and reset to 0").atMost(GROUP_EMPTY).pollInterval(Duration.ofSeconds(1))
            .until(() -> {
                try {
                    kafkaAdmin().alterConsumerGroupOffsets(group, zero).all()
                        .get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException stillMembers) {
                    return false; // the stopped member has not left the group yet
                }
            });
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafkaAdmin().listOffsets(latest).all().get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS)
            .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Waits until the running group has committed offsets: it consumed something to redeliver. */
    private void awaitCommittedOffsets(String group) {
        await(group + " has committed offsets").atMost(GROUP_CONSUMED)
            .pollInterval(Duration.ofSeconds(1)).until(() -> !committed(group).isEmpty());
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        return kafkaAdmin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
            .get(ADMIN_CALL.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits until the group has committed at least the end offsets it was reset below. */
    private void awaitCommittedPast(String group, Map<TopicPartition, Long> ends) {
        await(group + " redelivered everything").atMost(REDELIVERED).pollInterval(Duration.ofSeconds(1))
            .until(() -> {
                Map<TopicPartition, OffsetAndMetadata> now = committed(group);
                return ends.entrySet().stream().allMatch(e -> now.get(e.getKey()) != null
                    && now.get(e.getKey()).offset() >= e.getValue());
            });
    }
}
