package io.tollgate.audit.replay;

import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Rulebook;
import io.tollgate.audit.rules.Source;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.signing.EventVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One replay of both event topics through a {@link Listener}: records in timestamp merge order, the
 * replay clock moved before each. {@link #run} replays through the audit's {@link Rulebook}, waits
 * due by the wall clock timed out at the end (docs/ledger-rules.md §5.5, §7), every derived entry
 * going to the sink as it is made; {@link #read} through any other reader of the history.
 *
 * <p>Decoding a record does not depend on any other, so it can run on other cores while this
 * thread merges and applies the rules, which must see the records one at a time in merge order:
 * batches of merged records are decoded by a small pool and applied in the order they were cut.
 */
public final class Replay {

    /** Skip reasons kept for the report; every skipped record is counted. */
    static final int SKIPS_LISTED_MAX = 20;
    /** Records per decoding batch: large enough to amortise the hand-over. */
    static final int DECODE_BATCH = 512;
    /** Batches in flight per decoding thread: bounds the memory of the pipeline. */
    static final int BATCHES_PER_THREAD = 4;
    /** The most decoding threads a replay starts. */
    public static final int DECODE_THREADS_MAX = 16;
    /** How long one batch may take to decode before the replay gives up on it. */
    private static final Duration DECODE_WAIT = Duration.ofMinutes(5);

    /**
     * @param ends          the end offsets of an earlier replay, to derive the same journal again;
     *                      null for the end offsets now
     * @param now           the wall clock the replay started at (waits due by then time out at
     *                      the end)
     * @param decodeThreads threads that decode records beside the one applying the rules; 0
     *                      decodes on that one thread
     */
    public record Options(Properties kafka, Duration parkTimeout, Duration stallTimeout,
                          Map<TopicPartition, Long> ends, Instant now, int decodeThreads,
                          EventVerifier verifier) {

        /** Without signature checks (no {@code --trusted-keys}). */
        public Options(Properties kafka, Duration parkTimeout, Duration stallTimeout,
                       Map<TopicPartition, Long> ends, Instant now, int decodeThreads) {
            this(kafka, parkTimeout, stallTimeout, ends, now, decodeThreads, null);
        }

        public Options {
            if (decodeThreads < 0 || decodeThreads > DECODE_THREADS_MAX) {
                throw new IllegalArgumentException("decode threads must be 0.."
                        + DECODE_THREADS_MAX + ", got " + decodeThreads);
            }
        }
    }

    /**
     * What a replay read and did. {@code signaturesChecked}: every record's signature was verified
     * against trusted keys, and {@code badlySigned} of the {@code skipped} records were skipped
     * because theirs was missing or did not verify.
     */
    public record Result(long records, long skipped, List<String> skipReasons,
                         Rulebook.Tally tally, Map<TopicPartition, Long> ends, Instant clock,
                         long millis, boolean signaturesChecked, long badlySigned) {
    }

    /**
     * What a replay hands each decoded record to, one at a time in merge order: the ledger's
     * {@link Rulebook}, or any other reader of the same history (the policy recheck).
     */
    public interface Listener {

        /** The replay clock moves to {@code to} (the record's broker time) before its record. */
        void advanceClock(Instant to);

        void accept(Source source, WireEvent event);
    }

    /** What a replay through any {@link Listener} read; {@link Result} adds the ledger's figures. */
    public record Read(long records, long skipped, List<String> skipReasons,
                       Map<TopicPartition, Long> ends, long millis, boolean signaturesChecked,
                       long badlySigned) {
    }

    /** A batch of merged records and, once decoded, what the rules get of each. */
    private record Batch(List<ConsumerRecord<String, byte[]>> records, Future<Decoded[]> decoded) {
    }

    private final Listener rules;
    private final Progress progress;
    private final EventVerifier verifier;
    private long badlySigned;
    private final List<String> reasons = new ArrayList<>();
    private long records;
    private long skipped;
    private long total;

    private Replay(Listener rules, Progress progress, EventVerifier verifier) {
        this.rules = rules;
        this.progress = progress;
        this.verifier = verifier;
    }

    /** The default for {@code --decode-threads}: every core but the one applying the rules. */
    public static int defaultDecodeThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(DECODE_THREADS_MAX, cores - 1));
    }

    public static List<String> topics() {
        return Topics.EVENT_TOPICS.stream().map(Topics.Topic::name).toList();
    }

    public static Result run(Options options, Consumer<Entry> sink, Progress progress) {
        Rulebook rules = new Rulebook(options.parkTimeout(), sink);
        Read read = read(options, new Listener() {
            @Override
            public void advanceClock(Instant to) {
                rules.advanceClock(to);
            }

            @Override
            public void accept(Source source, WireEvent event) {
                rules.offer(source, event);
            }
        }, progress);
        Instant clock = rules.clock();
        rules.advanceClock(options.now());
        return new Result(read.records(), read.skipped(), read.skipReasons(), rules.tally(), read.ends(),
                clock, read.millis(), read.signaturesChecked(), read.badlySigned());
    }

    /** Replays both topics, up to the options' end offsets, through {@code listener}. */
    public static Read read(Options options, Listener listener, Progress progress) {
        long started = System.nanoTime();
        Replay replay = new Replay(listener, progress, options.verifier());
        try (MergedTopics topics = new MergedTopics(options.kafka(), topics(), options.ends(),
                options.stallTimeout())) {
            replay.total = topics.total();
            if (options.decodeThreads() == 0) {
                replay.inline(topics);
            } else {
                replay.pipelined(topics, options.decodeThreads());
            }
            progress.done("replayed", replay.records);
            return new Read(replay.records, replay.skipped, List.copyOf(replay.reasons), topics.ends(),
                    (System.nanoTime() - started) / 1_000_000, options.verifier() != null,
                    replay.badlySigned);
        }
    }

    private void inline(MergedTopics topics) {
        for (ConsumerRecord<String, byte[]> r = topics.next(); r != null; r = topics.next()) {
            apply(r, RecordDecoder.decode(r, verifier));
        }
    }

    private void pipelined(MergedTopics topics, int threads) {
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "audit-decode-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Batch> inFlight = new ArrayDeque<>();
        try {
            List<ConsumerRecord<String, byte[]>> cut = new ArrayList<>(DECODE_BATCH);
            for (ConsumerRecord<String, byte[]> r = topics.next(); r != null; r = topics.next()) {
                cut.add(r);
                if (cut.size() == DECODE_BATCH) {
                    inFlight.add(submit(pool, cut));
                    cut = new ArrayList<>(DECODE_BATCH);
                    if (inFlight.size() >= threads * BATCHES_PER_THREAD) {
                        apply(inFlight.poll());
                    }
                }
            }
            if (!cut.isEmpty()) {
                inFlight.add(submit(pool, cut));
            }
            while (!inFlight.isEmpty()) {
                apply(inFlight.poll());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Batch submit(ExecutorService pool, List<ConsumerRecord<String, byte[]>> cut) {
        return new Batch(cut, pool.submit(() -> {
            Decoded[] out = new Decoded[cut.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = RecordDecoder.decode(cut.get(i), verifier);
            }
            return out;
        }));
    }

    private void apply(Batch batch) {
        Decoded[] decoded;
        try {
            decoded = batch.decoded().get(DECODE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while records were decoded", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReplayException("could not decode a batch of records: " + e, e);
        }
        for (int i = 0; i < decoded.length; i++) {
            apply(batch.records().get(i), decoded[i]);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r, Decoded decoded) {
        records++;
        if (decoded.skipped()) {
            skipped++;
            if (decoded.skipReason().startsWith(RecordDecoder.SIGNATURE)) {
                badlySigned++;
            }
            if (reasons.size() < SKIPS_LISTED_MAX) {
                reasons.add(r.topic() + "/" + r.partition() + "@" + r.offset() + ": "
                        + decoded.skipReason());
            }
        } else {
            rules.advanceClock(decoded.source().recordTime());
            rules.accept(decoded.source(), decoded.event());
        }
        progress.tick("replayed", records, total);
    }
}
