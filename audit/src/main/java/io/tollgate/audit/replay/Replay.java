package io.tollgate.audit.replay;

import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Rulebook;
import io.tollgate.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One replay of both event topics through the audit's {@link Rulebook}: records in timestamp merge
 * order, the replay clock moved before each, waits due by the wall clock timed out at the end
 * (docs/ledger-rules.md §5.5, §7). Every derived entry goes to the sink as it is made.
 */
public final class Replay {

    /** Skip reasons kept for the report; every skipped record is counted. */
    static final int SKIPS_LISTED_MAX = 20;

    /**
     * @param ends the end offsets of an earlier replay, to derive the same journal again; null
     *             for the end offsets now
     * @param now  the wall clock the replay started at (waits due by then time out at the end)
     */
    public record Options(Properties kafka, Duration parkTimeout, Duration stallTimeout,
                          Map<TopicPartition, Long> ends, Instant now) {
    }

    /** What a replay read and did. */
    public record Result(long records, long skipped, List<String> skipReasons,
                         Rulebook.Tally tally, Map<TopicPartition, Long> ends, Instant clock,
                         long millis) {
    }

    private Replay() {
    }

    public static List<String> topics() {
        return Topics.EVENT_TOPICS.stream().map(Topics.Topic::name).toList();
    }

    public static Result run(Options options, Consumer<Entry> sink, Progress progress) {
        long started = System.nanoTime();
        Rulebook rules = new Rulebook(options.parkTimeout(), sink);
        long records = 0;
        long skipped = 0;
        List<String> reasons = new ArrayList<>();
        try (MergedTopics topics = new MergedTopics(options.kafka(), topics(), options.ends(),
                options.stallTimeout())) {
            for (ConsumerRecord<String, byte[]> r = topics.next(); r != null; r = topics.next()) {
                records++;
                Decoded decoded = RecordDecoder.decode(r);
                if (decoded.skipped()) {
                    skipped++;
                    if (reasons.size() < SKIPS_LISTED_MAX) {
                        reasons.add(r.topic() + "/" + r.partition() + "@" + r.offset() + ": "
                                + decoded.skipReason());
                    }
                } else {
                    rules.advanceClock(decoded.source().recordTime());
                    rules.offer(decoded.source(), decoded.event());
                }
                progress.tick("replayed", records, topics.total());
            }
            Instant clock = rules.clock();
            rules.advanceClock(options.now());
            progress.done("replayed", records);
            return new Result(records, skipped, List.copyOf(reasons), rules.tally(),
                    topics.ends(), clock, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
