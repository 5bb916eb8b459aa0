package io.tollgate.audit.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Every record of some topics, from the beginning up to end offsets fixed when it opens, handed
 * out merged by record timestamp (ties: topic, partition, offset), each partition in offset order
 * (docs/ledger-rules.md §7). A group-less consumer with partitions assigned by hand: nothing is
 * committed. Memory is bounded: a partition whose buffer is full is paused until it drains.
 */
public final class MergedTopics implements AutoCloseable {

    /** Records buffered per partition before it is paused. */
    static final int BUFFER_MAX = 4_000;
    private static final Duration POLL = Duration.ofMillis(200);
    static final Duration METADATA_WAIT = Duration.ofSeconds(30);


    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Lane> lanes = new ArrayList<>();
    private final Map<TopicPartition, Lane> byPartition = new HashMap<>();
    private final Map<TopicPartition, Long> ends;
    private final long total;
    private final Duration stallTimeout;

    /** One partition: its buffered records and whether everything up to its end was read. */
    private static final class Lane {
        final TopicPartition partition;
        final long end;
        final ArrayDeque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
        boolean fetchedAll;
        boolean paused;

        Lane(TopicPartition partition, long end) {
            this.partition = partition;
            this.end = end;
        }
    }

    /**
     * @param fixedEnds the end offsets to read to, as an earlier replay saw them; null for the end
     *                  offsets now
     * @throws ReplayException when a topic does not exist or the broker does not answer in time
     */
    public MergedTopics(Properties settings, List<String> topics,
                        Map<TopicPartition, Long> fixedEnds, Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
        this.consumer = new KafkaConsumer<>(settings);
        try {
            List<TopicPartition> partitions = partitionsOf(topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, METADATA_WAIT);
            ends = Map.copyOf(fixedEnds != null ? fixedEnds
                    : consumer.endOffsets(partitions, METADATA_WAIT));
            long count = 0;
            for (TopicPartition tp : partitions) {
                long end = ends.getOrDefault(tp, 0L);
                count += Math.max(0, end - begin.getOrDefault(tp, 0L));
                Lane lane = new Lane(tp, end);
                lane.fetchedAll = begin.getOrDefault(tp, 0L) >= end;
                lanes.add(lane);
                byPartition.put(tp, lane);
                if (lane.fetchedAll) {
                    consumer.pause(Set.of(tp));
                    lane.paused = true;
                }
            }
            total = count;
        } catch (RuntimeException e) {
            consumer.close();
            throw e instanceof ReplayException ? e : new ReplayException("cannot open the topics "
                    + topics + " at " + settings.get("bootstrap.servers") + ": " + e.getMessage()
                    + " (is a broker there? --bootstrap-servers or $KAFKA_BOOTSTRAP_SERVERS;"
                    + " security settings: --kafka-config or $KAFKA_*)", e);
        }
    }

    /** Records between the beginning and the end offsets (at most: transaction markers count). */
    public long total() {
        return total;
    }

    /** The end offsets this replay reads to. */
    public Map<TopicPartition, Long> ends() {
        return ends;
    }

    /**
     * The next record in merge order, or null once every partition is read to its end. Lanes are
     * kept in (topic, partition) order and only their heads compete, so the first lane with the
     * smallest head timestamp holds the next record: ties go by topic and partition, and within
     * a partition by offset.
     */
    public ConsumerRecord<String, byte[]> next() {
        long waitingSince = System.nanoTime();
        while (true) {
            Lane first = null;
            long firstTimestamp = Long.MAX_VALUE;
            boolean starved = false;
            for (Lane lane : lanes) {
                ConsumerRecord<String, byte[]> head = lane.buffer.peekFirst();
                if (head == null) {
                    starved |= !lane.fetchedAll;
                } else if (first == null || head.timestamp() < firstTimestamp) {
                    first = lane;
                    firstTimestamp = head.timestamp();
                }
            }
            if (!starved) {
                return first == null ? null : take(first);
            }
            // A partition with records to come has none buffered: its next may be the first.
            if (fetch()) {
                waitingSince = System.nanoTime();
            } else if (System.nanoTime() - waitingSince > stallTimeout.toNanos()) {
                throw new ReplayException("no records arrived for " + stallTimeout.toSeconds()
                        + " s although some partitions are not read to their end offsets " + ends);
            }
        }
    }

    private ConsumerRecord<String, byte[]> take(Lane lane) {
        ConsumerRecord<String, byte[]> record = lane.buffer.pollFirst();
        if (lane.paused && !lane.fetchedAll && lane.buffer.size() <= BUFFER_MAX / 2) {
            consumer.resume(Set.of(lane.partition));
            lane.paused = false;
        }
        return record;
    }

    /** One poll into the buffers; true if it brought a record or finished a partition. */
    private boolean fetch() {
        ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
        boolean progress = false;
        for (TopicPartition tp : polled.partitions()) {
            Lane lane = byPartition.get(tp);
            for (ConsumerRecord<String, byte[]> r : polled.records(tp)) {
                if (r.offset() < lane.end) {
                    lane.buffer.addLast(r);
                    progress = true;
                }
            }
        }
        for (Lane lane : lanes) {
            if (!lane.fetchedAll && consumer.position(lane.partition, METADATA_WAIT) >= lane.end) {
                lane.fetchedAll = true;
                progress = true;
                if (!lane.paused) {
                    consumer.pause(Set.of(lane.partition));
                    lane.paused = true;
                }
            } else if (!lane.paused && lane.buffer.size() >= BUFFER_MAX) {
                consumer.pause(Set.of(lane.partition));
                lane.paused = true;
            }
        }
        return progress;
    }

    private List<TopicPartition> partitionsOf(List<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_WAIT);
            if (infos == null || infos.isEmpty()) {
                throw new ReplayException("topic " + topic + " does not exist (or this client may"
                        + " not describe it)");
            }
            for (PartitionInfo info : infos) {
                out.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        out.sort(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
