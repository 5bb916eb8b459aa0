package io.tollgate.deploy.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records each stage's consumer group has yet to read: the sum, over the partitions the group has
 * committed offsets for, of the log-end offset minus the committed offset.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;
    private final List<String> groups;

    /** {@code connection}: bootstrap servers and any login (see LocalStack#kafkaConnection). */
    public ConsumerLag(Map<String, Object> connection, List<String> groups) {
        this.admin = Admin.create(connection);
        this.groups = List.copyOf(groups);
    }

    /** Lag per group, in the order the groups were given; -1 for a group that cannot be read. */
    public Map<String, Long> now() {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (String group : groups) {
            lag.put(group, lagOf(group));
        }
        return lag;
    }

    private long lagOf(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (committed.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long total = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                long read = e.getValue() == null ? 0 : e.getValue().offset();
                total += Math.max(0, ends.get(e.getKey()).offset() - read);
            }
            return total;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
