package io.tollgate.audit;

import io.tollgate.audit.replay.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How to reach the topics, read-only; shared by every command that reads Kafka. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS, else "
            + KafkaSettings.BOOTSTRAP_DEFAULT + ").")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
        description = "Consumer settings as Java properties (security.protocol, sasl.*,"
            + " ssl.*, ...). KAFKA_* environment variables are read too, as the services read them"
            + " (KAFKA_SECURITY_PROTOCOL=SASL_SSL); the file wins over them.")
    Path kafkaConfig;

    /** The read-only, group-less consumer settings; a bad file or setting is a usage error. */
    Properties consumer(AuditCli root, CommandLine cli) {
        if (kafkaConfig != null && !Files.isReadable(kafkaConfig)) {
            throw new CommandLine.ParameterException(cli,
                    "--kafka-config " + kafkaConfig + " is not a readable file");
        }
        try {
            return KafkaSettings.consumer(bootstrapServers, kafkaConfig, root.environment());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }
}
