package io.tollgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.audit.ledger.LedgerApi;
import io.tollgate.audit.replay.ReplayException;
import io.tollgate.contracts.AnchorCodec;
import io.tollgate.contracts.LedgerCheckpointAnchoredV1;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.signing.EventVerifier;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code verify-anchors}: reads the ledger's anchors topic (read-only, no group), verifies every
 * anchor's signature against the trusted keys, and holds the live ledger to each anchor of its
 * live generation through its public API — the entry hash and balance digest at every anchored
 * seq — then asks the ledger to verify its chains (it recomputes every hash against the same
 * anchors). Exit 0 when all match; 1 with the first chain and seq that differs.
 */
@Command(name = "verify-anchors", mixinStandardHelpOptions = true,
    description = {"Checks the live ledger's chains against its signed, published anchors.",
        "Reads " + "tollgate.ledger-checkpoints.v1" + ", verifies each anchor's signature against"
            + " --trusted-keys, and compares every anchor of the ledger's live generation with the"
            + " entry hash and balance digest the ledger's API reports at that seq; then runs the"
            + " ledger's own verify. Exit 0: every anchor matches; 1: the first chain and seq that"
            + " differs (or a record on the topic that is no validly signed anchor)."})
final class VerifyAnchorsCommand implements Callable<Integer> {

    /** Bound on the anchors checked in one run (one API call each). */
    static final int ANCHORS_MAX = 100_000;
    private static final int POLL_RECORDS_MAX = 2_000;

    @ParentCommand
    AuditCli root;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    KafkaOptions kafka;
    @Mixin
    TrustOptions trust;
    @Mixin
    LedgerOptions ledger;
    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "60",
        description = "Give up reading the anchors topic to its end after this long"
            + " (default ${DEFAULT-VALUE}).")
    int readTimeoutSeconds;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        EventVerifier verifier = trust.verifier(cli);
        if (verifier == null) {
            throw new CommandLine.ParameterException(cli, "--trusted-keys FILE is required: the"
                    + " public keys the ledger's anchors must be signed with");
        }
        if (readTimeoutSeconds < 1 || readTimeoutSeconds > 86_400) {
            throw new CommandLine.ParameterException(cli,
                    "--read-timeout must be 1..86400 seconds, got " + readTimeoutSeconds);
        }
        Properties consumer = kafka.consumer(root, cli);
        LedgerApi api = ledger.api(root.environment(), cli);
        PrintWriter out = cli.getOut();
        Anchors anchors = read(consumer, verifier);
        if (anchors.bad != null) {
            out.println("DIFFERENT: " + anchors.bad);
            return AuditCli.EXIT_DIFFERENT;
        }
        LedgerApi.ChainHeads heads = api.chains();
        out.printf("anchors: %,d signed anchors read, ledger at generation %d with %d chains%n",
                anchors.count, heads.generation(), heads.chains().size());
        String difference = compare(api, anchors, heads, out);
        if (difference == null) {
            difference = ledgersOwnVerdict(api.verify());
        }
        if (difference != null) {
            out.println("DIFFERENT: " + difference);
            return AuditCli.EXIT_DIFFERENT;
        }
        out.println("MATCHES: every anchor of generation " + heads.generation() + " matches the live ledger");
        return 0;
    }

    /** Anchors by generation, chain and seq; {@code bad} names the first record that is none. */
    private static final class Anchors {
        final Map<Long, Map<String, NavigableMap<Long, LedgerCheckpointAnchoredV1>>> byGeneration =
                new TreeMap<>();
        int count;
        String bad;
    }

    private Anchors read(Properties settings, EventVerifier verifier) {
        Properties props = new Properties();
        props.putAll(settings);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("max.poll.records", POLL_RECORDS_MAX);
        Duration timeout = Duration.ofSeconds(readTimeoutSeconds);
        Instant deadline = Instant.now().plus(timeout);
        Anchors anchors = new Anchors();
        String topic = Topics.LEDGER_CHECKPOINTS.name();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = c.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(c.endOffsets(partitions, timeout));
            while (anchors.bad == null
                    && ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ReplayException("could not read " + topic + " to its end within "
                            + timeout.toSeconds() + " s (--read-timeout)");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (anchors.bad == null && r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        take(anchors, verifier, r);
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ReplayException("cannot read " + topic + ": " + e.getMessage(), e);
        }
        return anchors;
    }

    private static void take(Anchors anchors, EventVerifier verifier, ConsumerRecord<String, byte[]> r) {
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        LedgerCheckpointAnchoredV1 a;
        try {
            verifier.verify(r.headers(), r.value());
            a = AnchorCodec.decode(r.headers(), r.value());
        } catch (IllegalArgumentException e) {
            anchors.bad = "record " + where + " is no validly signed anchor: " + e.getMessage();
            return;
        }
        if (anchors.count == ANCHORS_MAX) {
            throw new ReplayException("more than " + ANCHORS_MAX + " anchors on the topic");
        }
        LedgerCheckpointAnchoredV1 before = anchors.byGeneration.computeIfAbsent(a.generation(), g -> new TreeMap<>())
                .computeIfAbsent(a.chainId(), k -> new TreeMap<>()).putIfAbsent(a.seq(), a);
        if (before == null) {
            anchors.count++;
        } else if (!before.entryHash().equals(a.entryHash()) || !before.balanceDigest().equals(a.balanceDigest())) {
            anchors.bad = "record " + where + " anchors chain " + a.chainId() + " seq " + a.seq()
                    + " differently from an earlier anchor";
        }
    }

    /** Every anchor of the live generation against the ledger, chain by chain, seq by seq. */
    private static String compare(LedgerApi api, Anchors anchors, LedgerApi.ChainHeads heads, PrintWriter out) {
        long generation = heads.generation();
        long newest = anchors.byGeneration.isEmpty() ? 0 : ((TreeMap<Long, ?>) anchors.byGeneration).lastKey();
        if (newest > generation) {
            return "the ledger is at generation " + generation + " but generation " + newest
                    + " was anchored: its journal was set back";
        }
        Map<String, NavigableMap<Long, LedgerCheckpointAnchoredV1>> live =
                anchors.byGeneration.getOrDefault(generation, Map.of());
        if (live.isEmpty() && newest > 0) {
            return "generation " + generation + " has no anchor yet (anchors exist for generation " + newest
                    + "): run again after the ledger's anchor interval";
        }
        if (live.isEmpty() && !heads.chains().isEmpty()) {
            return "the ledger's " + heads.chains().size() + " chains have no anchor at all: its anchoring is"
                    + " off, or has not run yet, or the topic lost them";
        }
        int checked = 0;
        for (Map.Entry<String, NavigableMap<Long, LedgerCheckpointAnchoredV1>> chain : new TreeMap<>(live).entrySet()) {
            for (LedgerCheckpointAnchoredV1 a : chain.getValue().values()) {
                Optional<LedgerApi.ChainPoint> point = api.chainPoint(a.chainId(), a.seq());
                checked++;
                if (point.isEmpty()) {
                    return "chain " + a.chainId() + " seq " + a.seq() + ": anchored, but the ledger has no entry there";
                }
                if (!point.get().entryHash().equals(a.entryHash())) {
                    return "chain " + a.chainId() + " seq " + a.seq() + ": the ledger's entry hash "
                            + point.get().entryHash() + " is not the anchored " + a.entryHash();
                }
                if (!point.get().balanceDigest().equals(a.balanceDigest())) {
                    return "chain " + a.chainId() + " seq " + a.seq() + ": the ledger's balance digest "
                            + point.get().balanceDigest() + " is not the anchored " + a.balanceDigest();
                }
            }
        }
        out.printf("anchors: %,d anchors of generation %d match the ledger's entries%n", checked, generation);
        return null;
    }

    /** The ledger recomputes every hash and holds its chains to the same anchors. */
    private static String ledgersOwnVerdict(JsonNode verdict) {
        if (verdict.path("ok").asBoolean(false)) {
            return null;
        }
        JsonNode p = verdict.path("problem");
        return "chain " + p.path("chainId").asText() + " seq " + p.path("seq").asLong() + ": the ledger's own"
                + " verify reports " + p.path("kind").asText() + ": " + p.path("reason").asText();
    }
}
