package io.tollgate.eventing.kafka;

import io.smallrye.common.annotation.Identifier;
import io.tollgate.contracts.KafkaLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the plain Kafka clients from the {@code kafka.*} configuration (bootstrap servers and any
 * further client settings, passed through as given) and the service's broker login
 * ({@code tollgate.kafka.username}/{@code password}: SASL/SCRAM, see {@link KafkaLogin}; none
 * configured means PLAINTEXT), with Tollgate's delivery settings stated here, at one place.
 */
@ApplicationScoped
public class KafkaClients {

    /** How long the broker waits for a silent member before it hands its partitions on. */
    private static final int SESSION_TIMEOUT_MS = 30_000;

    private final Map<String, Object> base;
    private final String serviceName;
    private final String nodeId;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                        @ConfigProperty(name = "tollgate.service-name") String serviceName,
                        @ConfigProperty(name = "tollgate.node-id") String nodeId,
                        @ConfigProperty(name = "tollgate.kafka.username") Optional<String> username,
                        @ConfigProperty(name = "tollgate.kafka.password") Optional<String> password,
                        @ConfigProperty(name = "tollgate.kafka.sasl-mechanism") String mechanism,
                        @ConfigProperty(name = "tollgate.kafka.security-protocol") String protocol) {
        this.base = new HashMap<>(kafkaConfig);
        login(username, password, mechanism, protocol)
                .ifPresent(login -> base.putAll(login.clientProperties()));
        this.serviceName = serviceName;
        this.nodeId = nodeId;
    }

    /**
     * The broker login from configuration: none without a username (PLAINTEXT, the in-process test
     * broker); a username without a password is a configuration error, refused at start.
     */
    static Optional<KafkaLogin> login(Optional<String> username, Optional<String> password,
                                      String mechanism, String protocol) {
        if (username.filter(u -> !u.isBlank()).isEmpty()) {
            return Optional.empty();
        }
        if (password.filter(p -> !p.isEmpty()).isEmpty()) {
            throw new IllegalStateException("tollgate.kafka.username is set (" + username.get()
                    + ") but tollgate.kafka.password is not");
        }
        return Optional.of(new KafkaLogin(username.get(), password.get(), mechanism, protocol));
    }

    /** A producer that never loses an acknowledged record: acks=all, idempotence, unbounded retries. */
    public KafkaProducer<String, byte[]> producer(String purpose) {
        return producer(purpose, 0);
    }

    /**
     * {@link #producer(String)} for a sender that flushes after each burst of sends (the outbox
     * relay, once per batch of events): records wait up to {@value #BURST_LINGER_MS} ms to share a
     * request and a compressed batch with the next ones, instead of going out one or two at a time,
     * each in a compression stream of its own. The flush sends what waits at once, so a burst of one
     * record waits for nothing.
     */
    public KafkaProducer<String, byte[]> burstProducer(String purpose) {
        return producer(purpose, BURST_LINGER_MS);
    }

    static final int BURST_LINGER_MS = 5;

    private KafkaProducer<String, byte[]> producer(String purpose, int lingerMs) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-" + purpose);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // linger 0 for senders that wait for each record (Kafka 4's default 5 ms would only add latency).
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** A consumer that commits offsets only when told: after the batch's effects are stored. */
    public KafkaConsumer<String, byte[]> consumer(String group, int maxPollRecords) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, serviceName + "-" + group);
        // Static membership: a restarted node (same stable node id) takes its partitions back at
        // once instead of waiting out the session of its dead predecessor.
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, (nodeId + "." + group).replaceAll("[^A-Za-z0-9._-]", "_"));
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Range assignment gives partition p of every subscribed topic to the same instance: both
        // topics are keyed by order id with equal partition counts, so one instance sees all of an
        // order's events (the ledger's per-partition chains and parked events rely on it).
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** A consumer without a group (assign + seek), for replays that must not move a group's offsets. */
    public KafkaConsumer<String, byte[]> replayConsumer(String purpose, int maxPollRecords) {
        Map<String, Object> props = new HashMap<>(base);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, serviceName + "-" + purpose);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    public Admin admin() {
        Map<String, Object> props = new HashMap<>(base);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, serviceName + "-admin");
        props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        return Admin.create(props);
    }
}
