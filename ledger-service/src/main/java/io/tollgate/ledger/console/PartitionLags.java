package io.tollgate.ledger.console;

import io.tollgate.eventing.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of Tollgate's consumer groups per partition, read from the broker: in records (log
 * end minus committed offset) and in seconds (age of the oldest record not yet consumed, from its
 * timestamp). The metrics only carry each client's largest lag in records, not per partition nor
 * in time, so the broker is asked directly. Results are shared for {@link #CACHE} between callers.
 */
@ApplicationScoped
public class PartitionLags {

    /** One partition of one group. {@code lagSeconds} is 0 when nothing waits, -1 when unknown. */
    public record Lag(String group, String topic, int partition, long committed, long end, long lagRecords,
                      double lagSeconds) {
    }

    /** The groups read (Tollgate's own: {@code tollgate.<service>}), and their partitions, at most. */
    static final int GROUPS_MAX = 16;
    static final int PARTITIONS_MAX = 256;
    static final Duration CACHE = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FETCH_WAIT = Duration.ofMillis(200);
    private static final int FETCH_POLLS_MAX = 10;
    private static final String GROUP_PREFIX = "tollgate.";
    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final KafkaClients clients;
    private final Clock clock = Clock.systemUTC();
    private Admin admin;
    private KafkaConsumer<String, byte[]> reader;
    private List<Lag> last = List.of();
    private long lastAtMs;

    @Inject
    public PartitionLags(KafkaClients clients) {
        this.clients = clients;
    }

    /** Every partition of every Tollgate group, by group, topic and partition. */
    public synchronized List<Lag> now() throws LagUnavailableException {
        if (clock.millis() - lastAtMs < CACHE.toMillis()) {
            return last;
        }
        try {
            List<Lag> lags = new ArrayList<>();
            for (String group : groups()) {
                lags.addAll(lagsOf(group));
            }
            lags.sort(Comparator.comparing(Lag::group).thenComparing(Lag::topic).thenComparingInt(Lag::partition));
            last = List.copyOf(lags);
            lastAtMs = clock.millis();
            return last;
        } catch (ExecutionException | TimeoutException e) {
            throw new LagUnavailableException("the broker did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagUnavailableException("interrupted");
        }
    }

    private List<String> groups() throws ExecutionException, InterruptedException, TimeoutException {
        List<String> groups = admin().listConsumerGroups().all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .stream().map(ConsumerGroupListing::groupId).filter(g -> g.startsWith(GROUP_PREFIX))
                .sorted().toList();
        return groups.size() > GROUPS_MAX ? groups.subList(0, GROUPS_MAX) : groups;
    }

    private List<Lag> lagsOf(String group) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        // A partition a member owns but that never received a record has no committed offset yet:
        // it is listed too, read from its log start (the consumers' auto.offset.reset=earliest).
        Set<TopicPartition> partitions = new TreeSet<>(BY_TOPIC_AND_PARTITION);
        partitions.addAll(committed.keySet());
        admin().describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).members()
                .forEach(m -> partitions.addAll(m.assignment().topicPartitions()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.stream().limit(PARTITIONS_MAX).forEach(tp -> {
            latest.put(tp, OffsetSpec.latest());
            if (committed.get(tp) == null) {
                earliest.put(tp, OffsetSpec.earliest());
            }
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin().listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                : admin().listOffsets(earliest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> waiting = new HashMap<>();
        List<Lag> lags = new ArrayList<>();
        for (TopicPartition tp : latest.keySet()) {
            OffsetAndMetadata offset = committed.get(tp);
            long read = offset != null ? offset.offset() : starts.get(tp).offset();
            long end = ends.get(tp).offset();
            if (end > read) {
                waiting.put(tp, read);
            }
            lags.add(new Lag(group, tp.topic(), tp.partition(), read, end, Math.max(0, end - read), 0));
        }
        if (waiting.isEmpty()) {
            return lags;
        }
        Map<TopicPartition, Double> ages = oldestAges(waiting);
        return lags.stream().map(l -> l.lagRecords() == 0 ? l : new Lag(l.group(), l.topic(), l.partition(),
                l.committed(), l.end(), l.lagRecords(),
                ages.getOrDefault(new TopicPartition(l.topic(), l.partition()), -1.0))).toList();
    }

    /** Seconds since the timestamp of the first unconsumed record of each partition. */
    private Map<TopicPartition, Double> oldestAges(Map<TopicPartition, Long> firstUnread) {
        KafkaConsumer<String, byte[]> consumer = reader();
        consumer.assign(firstUnread.keySet());
        firstUnread.forEach(consumer::seek);
        Map<TopicPartition, Double> ages = new HashMap<>();
        for (int poll = 0; poll < FETCH_POLLS_MAX && ages.size() < firstUnread.size(); poll++) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(FETCH_WAIT)) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (!ages.containsKey(tp)) {
                    ages.put(tp, Math.max(0, clock.millis() - record.timestamp()) / 1000.0);
                    consumer.pause(List.of(tp));
                }
            }
        }
        consumer.assign(List.of());
        return ages;
    }

    private Admin admin() {
        if (admin == null) {
            admin = clients.admin();
        }
        return admin;
    }

    private KafkaConsumer<String, byte[]> reader() {
        if (reader == null) {
            reader = clients.replayConsumer("console-lag", 100);
        }
        return reader;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(TIMEOUT);
        }
        if (reader != null) {
            reader.close(TIMEOUT);
        }
    }

    /** The broker could not be asked; the console shows the reason instead of figures. */
    public static final class LagUnavailableException extends Exception {
        LagUnavailableException(String message) {
            super(message);
        }
    }
}
