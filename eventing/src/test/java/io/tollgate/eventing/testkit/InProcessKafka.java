package io.tollgate.eventing.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.test.api.TestKitDefaults;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * KRaft brokers and controllers running in this JVM, built with Kafka's own test kit
 * ({@link KafkaClusterTestKit}) on production metadata and feature levels.
 */
final class InProcessKafka implements KafkaBroker.Backend {

    /** Bound on stopping one broker, including moving its leaderships away. */
    private static final Duration STOP_BROKER_TIMEOUT = Duration.ofSeconds(30);
    /** Bound on stopping the whole cluster; past it, its threads are left behind (and logged). */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";

    private static final Logger LOG = Logger.getLogger(InProcessKafka.class);
    /** Held so the levels stay set: JUL keeps loggers only weakly. */
    private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private InProcessKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts {@code brokers} brokers: one combined broker+controller node, or plus one controller. */
    static InProcessKafka start(int brokers, boolean combined) {
        return start(brokers, combined, KafkaBroker.START_TIMEOUT);
    }

    /** As {@link #start(int, boolean)}, failing after {@code startTimeout} (shortened by tests). */
    static InProcessKafka start(int brokers, boolean combined, Duration startTimeout) {
        if (combined && brokers != 1) {
            throw new IllegalArgumentException("only a single node may be combined (broker+controller); "
                    + "three combined nodes in one JVM hang");
        }
        quietKafkaLogs();
        long startedNanos = System.nanoTime();
        StartAttempt attempt = new StartAttempt(brokers, combined);
        Future<KafkaClusterTestKit> starting = onDaemonThread("kafka-test-start", attempt::run);
        KafkaClusterTestKit cluster;
        try {
            cluster = starting.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String message = attempt.describe() + " did not come up within " + startTimeout.toMillis()
                    + " ms; stuck " + attempt.progress();
            attempt.abandon(starting);
            throw new IllegalStateException(message, e);
        } catch (ExecutionException e) {
            // The starting thread has closed what it built.
            throw new IllegalStateException(attempt.describe() + " failed while " + attempt.progress() + ": "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.abandon(starting);
            throw new IllegalStateException(attempt.describe() + ": interrupted while starting", e);
        }
        long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        InProcessKafka kafka = new InProcessKafka(cluster, bootstrapOf(cluster));
        LOG.infof("Kafka for tests: in-process KRaft %s at %s (started in %d ms)",
                combined ? "broker" : "cluster of " + brokers + " brokers + 1 controller",
                kafka.bootstrapServers, startMs);
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void stopBroker(int brokerId) {
        BrokerServer broker = cluster.brokers().get(brokerId);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + brokerId + "; the brokers are "
                    + cluster.brokers().keySet());
        }
        Future<Void> stopping = onDaemonThread("kafka-test-stop-broker-" + brokerId, () -> {
            broker.shutdown(STOP_BROKER_TIMEOUT);
            broker.awaitShutdown();
            return null;
        });
        await(stopping, STOP_BROKER_TIMEOUT.plusSeconds(5), "stopping broker " + brokerId);
        LOG.infof("Kafka for tests: broker %d stopped", brokerId);
    }

    @Override
    public void close() {
        closeQuietly(cluster);
    }

    private static KafkaClusterTestKit.Builder builder(int brokers, boolean combined) throws IOException {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            features.put(feature.featureName(), feature.defaultLevel(version));
        }
        TestKitNodes nodes = new TestKitNodes.Builder(
                        BootstrapMetadata.fromVersions(version, features, "tollgate-testkit"))
                .setBootstrapMetadataVersion(version)
                .setCombined(combined)
                .setNumBrokerNodes(brokers)
                .setNumControllerNodes(1)
                .setPerServerProperties(listeners(brokers, combined))
                // Our own directory: the test kit's default one is deleted by a JVM shutdown hook that
                // races the shared broker's own shutdown hook.
                .setBaseDirectory(Files.createTempDirectory("tollgate-kafka-"))
                .build();
        int internalReplicas = Math.min(3, brokers);
        int internalMinIsr = Math.min(2, brokers);
        return new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("unstable.api.versions.enable", "false")
                .setConfigProp("unstable.feature.versions.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", String.valueOf(internalReplicas))
                // 5 instead of 50 partitions: the first consumer group otherwise waits for 50 to be created.
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", String.valueOf(internalReplicas))
                .setConfigProp("transaction.state.log.min.isr", String.valueOf(internalMinIsr))
                .setConfigProp("transaction.state.log.num.partitions", "5")
                .setConfigProp("share.coordinator.state.topic.replication.factor",
                        String.valueOf(internalReplicas))
                .setConfigProp("share.coordinator.state.topic.min.isr", String.valueOf(internalMinIsr))
                // Tests start consumers one after another; the 3 s default only delays the first join.
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setDeleteOnClose(true);
    }

    /**
     * Listeners on 127.0.0.1 (the kit's default is {@code localhost}, which may resolve to ::1 first),
     * so brokers advertise and clients dial 127.0.0.1. Port 0: the kit pre-binds a free port per node
     * and listener before the nodes start; it binds those on the wildcard address and offers no way
     * to change that, so the ports also answer on other interfaces.
     */
    private static Map<Integer, Map<String, String>> listeners(int brokers, boolean combined) {
        String broker = TestKitDefaults.DEFAULT_BROKER_LISTENER_NAME + "://" + HOST + ":0";
        String controller = TestKitDefaults.DEFAULT_CONTROLLER_LISTENER_NAME + "://" + HOST + ":0";
        Map<Integer, Map<String, String>> perServer = new HashMap<>();
        if (combined) {
            perServer.put(TestKitDefaults.BROKER_ID_OFFSET, Map.of("listeners", broker + "," + controller));
            return perServer;
        }
        for (int i = 0; i < brokers; i++) {
            perServer.put(TestKitDefaults.BROKER_ID_OFFSET + i, Map.of("listeners", broker));
        }
        perServer.put(TestKitDefaults.BROKER_ID_OFFSET + TestKitDefaults.CONTROLLER_ID_OFFSET,
                Map.of("listeners", controller));
        return perServer;
    }

    private static String bootstrapOf(KafkaClusterTestKit cluster) {
        ListenerName listener = ListenerName.normalised(TestKitDefaults.DEFAULT_BROKER_LISTENER_NAME);
        List<String> servers = new ArrayList<>();
        for (BrokerServer broker : cluster.brokers().values()) {
            servers.add(HOST + ":" + broker.boundPort(listener));
        }
        return String.join(",", servers);
    }

    /**
     * One start of the kit, run on its own thread. A caller that gives up marks it abandoned; the
     * starting thread then closes what it built at its next step. Closing the kit from another
     * thread while it starts leaves half-started servers behind (seen here), so that is only the
     * last resort, for a start that stays stuck.
     */
    private static final class StartAttempt {
        /** How long an abandoned start may take to reach its next step and clean up after itself. */
        private static final Duration ABANDON_GRACE = Duration.ofSeconds(60);

        private final int brokers;
        private final boolean combined;
        private final long createdNanos = System.nanoTime();
        private String phase = "building the nodes";
        private KafkaClusterTestKit kit;
        private boolean abandoned;

        StartAttempt(int brokers, boolean combined) {
            this.brokers = brokers;
            this.combined = combined;
        }

        KafkaClusterTestKit run() throws Exception {
            KafkaClusterTestKit built = builder(brokers, combined).build();
            synchronized (this) {
                kit = built;
            }
            try {
                step("formatting the storage");
                built.format();
                step("starting the controller and brokers");
                built.startup();
                step("waiting for every broker to register with the controller and be unfenced");
                built.waitForReadyBrokers();
                step("started");
                return built;
            } catch (Exception | Error e) {
                closeQuietly(built);
                throw e;
            }
        }

        /** Gives up on this start; returns once what it built is closed (or the grace is over). */
        void abandon(Future<KafkaClusterTestKit> starting) {
            synchronized (this) {
                abandoned = true;
            }
            try {
                // Finished after all (just before it was abandoned): close it here.
                closeQuietly(starting.get(ABANDON_GRACE.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                LOG.debugf("abandoned Kafka start ended: %s", e.getCause());
            } catch (TimeoutException e) {
                LOG.warnf("Kafka for tests: the abandoned start is still stuck %s after %d s more; "
                        + "closing it from outside", progress(), ABANDON_GRACE.toSeconds());
                closeQuietly(builtSoFar());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(builtSoFar());
            }
        }

        String describe() {
            return "Kafka for tests (in-process KRaft, "
                    + (combined ? "1 combined node" : brokers + " brokers + 1 controller") + ")";
        }

        /** The phase the start is in and the state of every node built so far. */
        synchronized String progress() {
            StringBuilder message = new StringBuilder(phase);
            if (kit != null) {
                for (Map.Entry<Integer, ControllerServer> c : kit.controllers().entrySet()) {
                    message.append("; controller ").append(c.getKey()).append(' ')
                            .append(controllerState(c.getValue()));
                }
                for (Map.Entry<Integer, BrokerServer> b : kit.brokers().entrySet()) {
                    message.append("; broker ").append(b.getKey()).append(' ')
                            .append(b.getValue().brokerState());
                }
            }
            return message.toString();
        }

        private synchronized KafkaClusterTestKit builtSoFar() {
            return kit;
        }

        private synchronized void step(String next) {
            if (abandoned) {
                throw new CancellationException("start abandoned while " + phase);
            }
            LOG.debugf("Kafka for tests: done %s after %d ms", phase,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createdNanos));
            phase = next;
        }
    }

    private static String controllerState(ControllerServer controller) {
        try {
            return controller.controller().isActive() ? "active" : "not active (no quorum leader yet?)";
        } catch (RuntimeException e) {
            return "not started yet";
        }
    }

    private static void closeQuietly(KafkaClusterTestKit kit) {
        if (kit == null) {
            return;
        }
        try {
            await(onDaemonThread("kafka-test-close", () -> {
                kit.close();
                return null;
            }), CLOSE_TIMEOUT, "stopping Kafka");
        } catch (RuntimeException e) {
            LOG.warn("Kafka for tests: closing failed; its threads and files may be left behind", e);
        }
    }

    /**
     * Runs {@code work} on a new daemon thread. Kafka's work is never interrupted: an interrupt
     * landing in a Kafka class's static initialiser breaks that class for the rest of the JVM (seen
     * here: "Could not initialize class kafka.utils.Log4jControllerRegistration$").
     */
    private static <T> Future<T> onDaemonThread(String name, Callable<T> work) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            return executor.submit(work);
        } finally {
            executor.shutdown();
        }
    }

    /** Waits at most {@code limit} for {@code work}, even on an interrupted thread (then re-flags it). */
    private static <T> T await(Future<T> work, Duration limit, String what) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                try {
                    return work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka for tests: " + what + " took over "
                    + limit.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka for tests: " + what + " failed: " + e.getCause(),
                    e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Broker INFO logging is thousands of lines per test run; keep warnings and errors unless a
     * level was configured for these categories already.
     */
    private static synchronized void quietKafkaLogs() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        for (String category : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            QUIETED.add(logger);
        }
    }
}
