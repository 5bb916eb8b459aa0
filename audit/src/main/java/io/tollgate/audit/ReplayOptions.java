package io.tollgate.audit;

import io.tollgate.audit.replay.KafkaSettings;
import io.tollgate.audit.replay.Progress;
import io.tollgate.audit.replay.Replay;
import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Rulebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How to reach the topics and how to replay them; shared by every command that replays. */
final class ReplayOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS, else "
            + KafkaSettings.BOOTSTRAP_DEFAULT + ").")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
        description = "Consumer settings as Java properties (security.protocol, sasl.*,"
            + " ssl.*, ...). KAFKA_* environment variables are read too, as the services read them"
            + " (KAFKA_SECURITY_PROTOCOL=SASL_SSL); the file wins over them.")
    Path kafkaConfig;

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
        if (stallTimeoutSeconds < 1 || stallTimeoutSeconds > 86_400) {
            throw new CommandLine.ParameterException(cli,
                    "--stall-timeout must be 1..86400 seconds, got " + stallTimeoutSeconds);
        }
        if (kafkaConfig != null && !Files.isReadable(kafkaConfig)) {
            throw new CommandLine.ParameterException(cli,
                    "--kafka-config " + kafkaConfig + " is not a readable file");
        }
        Properties kafka;
        try {
            kafka = KafkaSettings.consumer(bootstrapServers, kafkaConfig, root.environment());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        int threads = decodeThreads == null ? Replay.defaultDecodeThreads() : decodeThreads;
        if (threads < 0 || threads > Replay.DECODE_THREADS_MAX) {
            throw new CommandLine.ParameterException(cli, "--decode-threads must be 0.."
                    + Replay.DECODE_THREADS_MAX + ", got " + threads);
        }
        Replay.Options options = new Replay.Options(kafka, parkTimeout,
                Duration.ofSeconds(stallTimeoutSeconds), ends, root.clock().instant(), threads);
        return Replay.run(options, sink, new Progress(cli.getErr(), quiet));
    }
}
