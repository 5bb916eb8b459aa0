package io.tollgate.systemtest;

import io.tollgate.deploy.local.KafkaBroker;
import io.tollgate.deploy.local.ManagedProcess;
import io.tollgate.deploy.local.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka of one test stack, each node its own JVM started by the launcher's {@link KafkaBroker}:
 * either the local stack's single combined node, or a cluster of one controller and {@code n}
 * brokers whose topics have {@code n} replicas and a minimum ISR of {@code n - 1}. A broker can be
 * SIGKILLed and started again on its data.
 */
final class KafkaNodes implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaNodes.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String HEAP = "384m";
    private static final String LOOPBACK = "127.0.0.1";
    /** The controller's node id; brokers are 1..n. */
    private static final int CONTROLLER_ID = 0;

    /** The controller (cluster only), then the brokers; index i holds node id i in a cluster. */
    private final List<KafkaBroker> nodes;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final List<ProcessHandle> handles = new ArrayList<>();
    private final boolean clustered;

    private KafkaNodes(List<KafkaBroker> nodes, boolean clustered) {
        this.nodes = nodes;
        this.clustered = clustered;
    }

    /**
     * Starts {@code brokers} brokers under {@code home} (1: the single combined node of the local
     * stack, in {@code kafka/}; more: a controller and the brokers in {@code kafka-<id>/}), waits
     * until every node answers and creates {@code topics}. On failure stops what it started.
     */
    static KafkaNodes start(Path home, int brokers, Set<Integer> taken, List<TopicSpec> topics) {
        List<KafkaBroker> nodes = new ArrayList<>();
        if (brokers == 1) {
            nodes.add(new KafkaBroker(new KafkaBroker.Settings(home.resolve("kafka"),
                home.resolve("logs"), home.resolve("run"), BuildOutputs.kafkaLib(), LOOPBACK,
                TollgateStack.freePort(taken), TollgateStack.freePort(taken), HEAP)));
        } else {
            String clusterId = Uuid.randomUuid().toString();
            int controllerPort = TollgateStack.freePort(taken);
            for (int id = CONTROLLER_ID; id <= brokers; id++) {
                KafkaBroker.Node.Role role = id == CONTROLLER_ID ? KafkaBroker.Node.Role.CONTROLLER
                    : KafkaBroker.Node.Role.BROKER;
                int port = id == CONTROLLER_ID ? controllerPort : TollgateStack.freePort(taken);
                Path nodeHome = home.resolve("kafka-" + id);
                KafkaBroker.Node node =
                    new KafkaBroker.Node(id, role, CONTROLLER_ID, clusterId, brokers);
                nodes.add(new KafkaBroker(new KafkaBroker.Settings(nodeHome,
                    nodeHome.resolve("logs"), nodeHome.resolve("run"), BuildOutputs.kafkaLib(),
                    LOOPBACK, port, controllerPort, HEAP, node)));
            }
        }
        KafkaNodes kafka = new KafkaNodes(nodes, brokers > 1);
        try {
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).prepare();
                kafka.launch(i);
            }
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).awaitReady(kafka.processes.get(i), READY_TIMEOUT);
            }
            kafka.firstBroker().createTopics(topics);
            return kafka;
        } catch (RuntimeException | AssertionError e) {
            kafka.close();
            throw e;
        }
    }

    private void launch(int index) {
        ManagedProcess process = nodes.get(index).start();
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        ProcessReaper.register(handle);
        if (index < processes.size()) {
            processes.set(index, process);
            handles.set(index, handle);
        } else {
            processes.add(process);
            handles.add(handle);
        }
    }

    private KafkaBroker firstBroker() {
        return nodes.get(clustered ? 1 : 0);
    }

    /** Every broker's address, comma-separated, as clients take it. */
    String bootstrapServers() {
        return String.join(",", brokerIds().stream()
            .map(id -> nodes.get(id).settings().bootstrapServers()).toList());
    }

    /** The brokers' node ids (the single node's is 1 and it is at index 0). */
    List<Integer> brokerIds() {
        if (!clustered) {
            return List.of(0);
        }
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id < nodes.size(); id++) {
            ids.add(id);
        }
        return ids;
    }

    /** SIGKILLs broker {@code id} (a crash: nothing flushed) and waits until it is gone. */
    void kill(int id) {
        requireBroker(id);
        long pid = processes.get(id).pid();
        processes.get(id).kill();
        ProcessReaper.forget(handles.get(id));
        LOG.info(() -> "kafka broker " + id + " (pid " + pid + ") SIGKILLed");
    }

    /** Starts broker {@code id} again on its data folder and waits until it answers. */
    void restart(int id) {
        requireBroker(id);
        launch(id);
        nodes.get(id).awaitReady(processes.get(id), READY_TIMEOUT);
        long pid = processes.get(id).pid();
        LOG.info(() -> "kafka broker " + id + " started again (pid " + pid + ")");
    }

    private void requireBroker(int id) {
        if (!clustered || id < 1 || id >= nodes.size()) {
            throw new IllegalArgumentException("no broker " + id + " to kill or restart here");
        }
    }

    /** The pid of the first broker (for logs). */
    long firstBrokerPid() {
        return processes.get(clustered ? 1 : 0).pid();
    }

    /**
     * Stops the brokers together, then the controller, which the brokers' controlled shutdown
     * needs (SIGTERM, SIGKILL after a grace period).
     */
    @Override
    public void close() {
        int firstBroker = clustered ? 1 : 0;
        stopTogether(firstBroker, processes.size());
        stopTogether(0, firstBroker);
    }

    private void stopTogether(int from, int to) {
        for (int i = from; i < to; i++) {
            processes.get(i).requestStop();
        }
        for (int i = from; i < to; i++) {
            processes.get(i).awaitStopped(STOP_GRACE);
            ProcessReaper.forget(handles.get(i));
        }
    }
}
