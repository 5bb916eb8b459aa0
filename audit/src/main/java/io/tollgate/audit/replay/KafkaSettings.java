package io.tollgate.audit.replay;

import io.tollgate.contracts.KafkaLogin;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The replay consumer's settings, taken like the services take theirs: {@code KAFKA_*}
 * environment variables ({@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} is {@code security.protocol}),
 * then a SCRAM login from {@code TOLLGATE_KAFKA_USERNAME}/{@code TOLLGATE_KAFKA_PASSWORD} (as
 * contracts' {@link KafkaLogin} writes it for the services), then a properties file, then {@code --bootstrap-servers}; each later source wins. The settings
 * that make it a read-only, group-less replay of committed records always win over all of them.
 */
public final class KafkaSettings {

    public static final String BOOTSTRAP_DEFAULT = "127.0.0.1:9092";
    static final String ENV_PREFIX = "KAFKA_";
    /** Records per poll: large enough to amortise the fetch, small enough to bound memory. */
    static final int POLL_RECORDS_MAX = 2_000;

    private KafkaSettings() {
    }

    /**
     * @param bootstrapServers {@code --bootstrap-servers}, or null
     * @param configFile       a Java properties file of consumer settings, or null
     * @param environment      the process environment
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    public static Properties consumer(String bootstrapServers, Path configFile,
                                      Map<String, String> environment) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_DEFAULT);
        // Only names the consumer knows: KAFKA_HOME, KAFKA_OPTS and the like are not settings.
        Set<String> known = ConsumerConfig.configNames();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                if (known.contains(key)) {
                    props.put(key, value);
                }
            }
        });
        String username = environment.get("TOLLGATE_KAFKA_USERNAME");
        if (username != null && !username.isBlank()) {
            KafkaLogin login = new KafkaLogin(username, environment.get("TOLLGATE_KAFKA_PASSWORD"),
                    environment.getOrDefault("TOLLGATE_KAFKA_SASL_MECHANISM", KafkaLogin.MECHANISM_DEFAULT),
                    environment.getOrDefault("TOLLGATE_KAFKA_SECURITY_PROTOCOL", KafkaLogin.PROTOCOL_DEFAULT));
            props.putAll(login.clientProperties());
        }
        if (configFile != null) {
            props.putAll(load(configFile));
        }
        if (bootstrapServers != null) {
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tollgate-audit");
        // Partitions are assigned by hand and nothing is committed: the audit leaves no trace.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(POLL_RECORDS_MAX));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return props;
    }

    private static Properties load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the Kafka settings file " + file + ": "
                    + e.getMessage(), e);
        }
        return props;
    }
}
