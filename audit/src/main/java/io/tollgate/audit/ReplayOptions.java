package io.tollgate.audit;

import io.tollgate.audit.replay.Progress;
import io.tollgate.audit.replay.Replay;
import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Rulebook;
import io.tollgate.eventing.signing.EventVerifier;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How to reach the topics and how to replay them; shared by every command that replays. */
final class ReplayOptions {

    @CommandLine.Mixin
    KafkaOptions kafka;

    @CommandLine.Mixin
    TrustOptions trust;

    @Option(names = "--park-timeout", paramLabel = "DURATION", defaultValue = "PT15M",
        converter = Converters.DurationValue.class,
        description = "How long a payment waits for its decision before it is held in suspense;"
            + " the ledger's tollgate.ledger.park-timeout (default ${DEFAULT-VALUE}).")
    Duration parkTimeout = Rulebook.PARK_TIMEOUT_DEFAULT;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "60",
        description = "Give up when no record arrives for this long before the end"
            + " (default ${DEFAULT-VALUE}).")
    int stallTimeoutSeconds;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--decode-threads", paramLabel = "N",
        description = "Threads that decode records beside the one applying the rules, 0 to 16;"
            + " 0 decodes on that thread (default: the cores but one, at least 1).")
    Integer decodeThreads;

    /** Replays both topics into {@code sink}, up to {@code ends} (null: the end offsets now). */
    Replay.Result replay(AuditCli root, CommandLine cli, Consumer<Entry> sink,
                         Map<TopicPartition, Long> ends) {
        return Replay.run(options(root, cli, ends), sink, progress(cli));
    }

    /** Replays both topics, to their end offsets now, through any other reader of the history. */
    Replay.Read read(AuditCli root, CommandLine cli, Replay.Listener listener) {
        return Replay.read(options(root, cli, null), listener, progress(cli));
    }

    private Progress progress(CommandLine cli) {
        return new Progress(cli.getErr(), quiet);
    }

    private Replay.Options options(AuditCli root, CommandLine cli, Map<TopicPartition, Long> ends) {
        if (stallTimeoutSeconds < 1 || stallTimeoutSeconds > 86_400) {
            throw new CommandLine.ParameterException(cli,
                    "--stall-timeout must be 1..86400 seconds, got " + stallTimeoutSeconds);
        }
        Properties consumer = kafka.consumer(root, cli);
        EventVerifier verifier = trust.verifier(cli);
        int threads = decodeThreads == null ? Replay.defaultDecodeThreads() : decodeThreads;
        if (threads < 0 || threads > Replay.DECODE_THREADS_MAX) {
            throw new CommandLine.ParameterException(cli, "--decode-threads must be 0.."
                    + Replay.DECODE_THREADS_MAX + ", got " + threads);
        }
        return new Replay.Options(consumer, parkTimeout, Duration.ofSeconds(stallTimeoutSeconds), ends,
                root.clock().instant(), threads, verifier);
    }
}
