package io.tollgate.eventing.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * A real Kafka broker for tests: by default a KRaft broker running inside the test JVM (no Docker),
 * or one Testcontainers broker when a Docker engine answers and {@code tollgate.test.kafka=testcontainers}.
 * Every service's tests use it; {@link #shared()} gives the whole test JVM one single-node broker.
 */
public final class KafkaBroker implements AutoCloseable {

    /** How long a broker (or cluster) may take to come up before the start fails. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Bound on every admin call (topic creation, description). */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Bound on waiting for created topics to have a leader for every partition. */
    static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
    /** System property choosing the Testcontainers broker where Docker works. */
    static final String KAFKA_MODE_PROPERTY = "tollgate.test.kafka";

    /** JVM-wide: where the shared broker runs, once some class loader has started it. */
    static final String SHARED_BOOTSTRAP_PROPERTY = "tollgate.test.kafka.shared-bootstrap";
    /** An interned literal: the same object in every class loader, so a JVM-wide lock. */
    private static final String SHARED_LOCK = "io.tollgate.eventing.testkit.KafkaBroker.shared";

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);
    private static KafkaBroker shared;

    private final Backend backend;
    private final boolean sharedInstance;
    private Admin admin;
    private boolean closed;

    private KafkaBroker(Backend backend, boolean sharedInstance) {
        this.backend = backend;
        this.sharedInstance = sharedInstance;
    }

    /** Starts one combined KRaft node (broker and controller), or a Testcontainers broker if asked for. */
    public static KafkaBroker start() {
        return new KafkaBroker(startSingle(), false);
    }

    /**
     * Starts {@code brokers} brokers and one separate controller in this JVM (broker ids
     * 0..brokers-1). The controller is separate because three combined nodes in one JVM hang.
     */
    public static KafkaBroker startCluster(int brokers) {
        if (brokers < 1 || brokers > 9) {
            throw new IllegalArgumentException("brokers must be 1..9, got " + brokers);
        }
        return new KafkaBroker(InProcessKafka.start(brokers, false), false);
    }

    /**
     * The single-node broker of this test JVM, started on first use and closed by a shutdown hook;
     * its {@link #close()} does nothing, so a test cannot stop it for the others.
     */
    public static synchronized KafkaBroker shared() {
        if (shared != null) {
            return shared;
        }
        // Quarkus loads test classes in per-application class loaders, each with its own statics;
        // the JVM-wide system property and the interned lock make it one broker per JVM anyway.
        synchronized (SHARED_LOCK) {
            String running = System.getProperty(SHARED_BOOTSTRAP_PROPERTY);
            if (running != null) {
                shared = new KafkaBroker(new Attached(running), true);
            } else {
                KafkaBroker broker = new KafkaBroker(startSingle(), true);
                System.setProperty(SHARED_BOOTSTRAP_PROPERTY, broker.bootstrapServers());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    System.clearProperty(SHARED_BOOTSTRAP_PROPERTY);
                    broker.closeNow();
                }, "tollgate-shared-kafka-shutdown"));
                shared = broker;
            }
            return shared;
        }
    }

    /** {@code host:port} of every broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits
     * until every partition of every named topic has a leader.
     */
    public void createTopics(int partitions, short replicationFactor, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, got " + replicationFactor);
        }
        Set<String> unique = new LinkedHashSet<>(Arrays.asList(names));
        if (unique.isEmpty()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : unique) {
            Objects.requireNonNull(name, "topic name");
            topics.add(new NewTopic(name, partitions, replicationFactor));
        }
        Admin client = admin();
        Map<String, KafkaFuture<Void>> results = client.createTopics(topics).values();
        for (String name : unique) {
            try {
                results.get(name).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name + ": "
                            + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic " + name + " took over " + ADMIN_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            }
        }
        awaitLeaders(unique);
    }

    /** Shuts one broker down (controlled shutdown: its partition leaderships move to the others). */
    public void stopBroker(int brokerId) {
        backend.stopBroker(brokerId);
    }

    /** Stops the broker(s) and deletes their data; does nothing on the {@link #shared()} broker. */
    @Override
    public void close() {
        if (sharedInstance) {
            LOG.debug("close() on the shared test broker ignored; a shutdown hook closes it");
            return;
        }
        closeNow();
    }

    private synchronized void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        backend.close();
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("broker is closed");
        }
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "tollgate-testkit-admin",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
        }
        return admin;
    }

    private void awaitLeaders(Set<String> names) {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        String missing = String.join(", ", names);
        while (System.nanoTime() < deadline) {
            missing = topicsWithoutLeaders(names);
            if (missing.isEmpty()) {
                return;
            }
            // Not synchronisation of a test: a bounded back-off between metadata polls.
            pause(Duration.ofMillis(50));
        }
        throw new IllegalStateException("topics without a leader for every partition after "
                + TOPIC_READY_TIMEOUT.toSeconds() + " s: " + missing);
    }

    private String topicsWithoutLeaders(Set<String> names) {
        Map<String, TopicDescription> described;
        try {
            described = admin().describeTopics(names).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return String.join(", ", names);
            }
            throw new IllegalStateException("could not describe topics " + names + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("describing topics " + names + " took over " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics " + names, e);
        }
        List<String> missing = new ArrayList<>();
        for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    missing.add(topic.name() + "-" + partition.partition());
                }
            }
        }
        return String.join(", ", missing);
    }

    static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Backend startSingle() {
        String mode = System.getProperty(KAFKA_MODE_PROPERTY, "in-process");
        if ("testcontainers".equals(mode)) {
            if (!testcontainersOnClasspath()) {
                LOG.infof("%s=testcontainers, but Testcontainers (org.testcontainers:testcontainers-kafka)"
                        + " is not on the test classpath: using the in-process broker", KAFKA_MODE_PROPERTY);
            } else if (!ContainerKafka.dockerAnswers()) {
                LOG.infof("%s=testcontainers, but no Docker engine answers: using the in-process broker",
                        KAFKA_MODE_PROPERTY);
            } else {
                return ContainerKafka.start();
            }
        } else if (!"in-process".equals(mode)) {
            throw new IllegalArgumentException(KAFKA_MODE_PROPERTY
                    + " must be in-process or testcontainers, got " + mode);
        }
        return InProcessKafka.start(1, true);
    }

    private static boolean testcontainersOnClasspath() {
        ClassLoader loader = KafkaBroker.class.getClassLoader();
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, loader);
            Class.forName("org.testcontainers.kafka.KafkaContainer", false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** What a running broker (or cluster) must offer, whichever way it was started. */
    interface Backend {
        String bootstrapServers();

        void stopBroker(int brokerId);

        void close();
    }

    /** The shared broker as seen from another class loader than the one that started it. */
    private record Attached(String bootstrapServers) implements Backend {
        @Override
        public void stopBroker(int brokerId) {
            throw new UnsupportedOperationException(
                    "the shared broker cannot stop brokers; use startCluster(n)");
        }

        @Override
        public void close() {
            // The class loader that started the broker closes it at JVM exit.
        }
    }
}
