package io.tollgate.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A Kafka node in KRaft mode run as its own JVM from Kafka's own jars: writes its config, formats
 * its storage once, starts it, waits until it answers and creates topics. The local stack runs one
 * node that is broker and controller at once; a cluster ({@link Node}) runs a separate controller
 * and several brokers. The data folder survives restarts.
 */
public final class KafkaBroker {

    /** How long {@code kafka.tools.StorageTool format} may take (a JVM start, ~2 s here). */
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration TOPICS_SERVED_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 25;

    /**
     * This node's place in its KRaft cluster: its id, its role, the id of the one controller it
     * votes with (listening on {@link Settings#controllerPort}), the cluster id every node of a
     * cluster is formatted with (null: a fresh one, for a single node) and how many replicas
     * every topic gets. Separate controllers because three combined nodes in one cluster hang
     * (raft {@code UpdateVoter} errors).
     */
    public record Node(int id, Role role, int controllerId, String clusterId, int replicas) {

        /** The local stack's node: broker and controller in one process, one replica. */
        public static final Node SINGLE = new Node(1, Role.COMBINED, 1, null, 1);

        public enum Role { COMBINED, BROKER, CONTROLLER }

        public Node {
            if (replicas < 1 || replicas > 5) {
                throw new IllegalArgumentException("replicas out of range [1, 5]: " + replicas);
            }
            if (role != Role.COMBINED && clusterId == null) {
                throw new IllegalArgumentException("the nodes of a cluster share one cluster id");
            }
        }

        /**
         * Writes must reach this many replicas: one fewer than there are, so that one broker may
         * be down without stopping producers ({@code acks=all}); one on a single node.
         */
        public int minInsyncReplicas() {
            return Math.max(1, replicas - 1);
        }

        boolean isBroker() {
            return role != Role.CONTROLLER;
        }
    }

    /**
     * Where and how the node runs. {@code homeDir} holds server.properties, log4j2.properties and
     * {@code data/} (the log dirs); {@code libDir} holds kafka_2.13 and its dependencies.
     * {@code port} is the broker's listener (unused by a controller-only node), {@code
     * controllerPort} the controller's.
     */
    public record Settings(Path homeDir, Path logsDir, Path runDir, Path libDir, String host,
                           int port, int controllerPort, String heap, Node node) {

        public Settings {
            if (node.role() != Node.Role.CONTROLLER && port == controllerPort) {
                throw new LaunchException("the broker and controller ports must differ, both are " + port);
            }
        }

        /** The local stack's single combined node. */
        public Settings(Path homeDir, Path logsDir, Path runDir, Path libDir, String host, int port,
                        int controllerPort, String heap) {
            this(homeDir, logsDir, runDir, libDir, host, port, controllerPort, heap, Node.SINGLE);
        }

        public Path dataDir() {
            return homeDir.resolve("data");
        }

        public Path serverProperties() {
            return homeDir.resolve("server.properties");
        }

        public Path log4jConfig() {
            return homeDir.resolve("log4j2.properties");
        }

        /** The broker's own log (log4j2). */
        public Path logFile() {
            return logsDir.resolve("kafka.log");
        }

        /** The JVM's stdout and stderr. */
        public Path consoleFile() {
            return logsDir.resolve("kafka.out");
        }

        public Path pidFile() {
            return runDir.resolve("kafka.pid");
        }

        public String bootstrapServers() {
            return host + ":" + port;
        }
    }

    private final Settings settings;
    /** Null: a PLAINTEXT listener open to any client (the fault suite's nodes). */
    private final BrokerSecurity security;

    public KafkaBroker(Settings settings) {
        this(settings, null);
    }

    /** A node whose client listener requires SCRAM logins and enforces ACLs (a single node only). */
    public KafkaBroker(Settings settings, BrokerSecurity security) {
        if (security != null && settings.node().role() != Node.Role.COMBINED) {
            throw new IllegalArgumentException("SCRAM and ACLs are set up for the single combined node only");
        }
        this.settings = settings;
        this.security = security;
    }

    public Settings settings() {
        return settings;
    }

    /** Writes the config files and formats the storage if it has never been formatted. */
    public boolean prepare() {
        try {
            Files.createDirectories(settings.dataDir());
            Files.createDirectories(settings.logsDir());
            Files.createDirectories(settings.runDir());
            writeServerProperties();
            Files.writeString(settings.log4jConfig(), log4jConfig(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException("cannot write the broker's config under " + settings.homeDir()
                + ": " + e.getMessage(), e);
        }
        if (Files.exists(settings.dataDir().resolve("meta.properties"))) {
            return false;
        }
        format();
        return true;
    }

    /** With a login in it, the file is owner-only from the moment it exists (created with its mode). */
    private void writeServerProperties() throws IOException {
        Path file = settings.serverProperties();
        if (security != null) {
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, serverProperties(), StandardCharsets.UTF_8);
    }

    /** KRaft with one static voter, listeners on the loopback only. */
    String serverProperties() {
        String host = settings.host();
        Node node = settings.node();
        String listener = security == null ? "PLAINTEXT" : BrokerSecurity.LISTENER;
        String broker = listener + "://" + host + ":" + settings.port();
        String controller = "CONTROLLER://" + host + ":" + settings.controllerPort();
        List<String> lines = new ArrayList<>(List.of(
            "# Written by ./tollgate on every start; edit KafkaBroker.java, not this file.",
            "process.roles=" + switch (node.role()) {
                case COMBINED -> "broker,controller";
                case BROKER -> "broker";
                case CONTROLLER -> "controller";
            },
            "node.id=" + node.id(),
            "controller.quorum.voters=" + node.controllerId() + "@" + host + ":"
                + settings.controllerPort(),
            "listeners=" + switch (node.role()) {
                case COMBINED -> broker + "," + controller;
                case BROKER -> broker;
                case CONTROLLER -> controller;
            },
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=CONTROLLER:" + (security == null ? "PLAINTEXT" : "SASL_PLAINTEXT")
                + "," + listener + ":" + listener,
            "log.dirs=" + settings.dataDir().toAbsolutePath(),
            // Every role: the controller applies its own value as the cluster-wide default of
            // new topics (Kafka 4's eligible leader replicas), over a broker's static setting.
            "min.insync.replicas=" + node.minInsyncReplicas()));
        if (node.isBroker()) {
            lines.addAll(List.of(
                "advertised.listeners=" + broker,
                "inter.broker.listener.name=" + listener,
                "num.partitions=" + TopicSpec.PARTITIONS_DEFAULT,
                // Internal topics and topics a client creates get as many replicas as event topics
                // (a single node cannot hold more than one), and writes need all but one of them.
                "default.replication.factor=" + node.replicas(),
                "offsets.topic.replication.factor=" + node.replicas(),
                "transaction.state.log.replication.factor=" + node.replicas(),
                "transaction.state.log.min.isr=" + node.minInsyncReplicas(),
                "share.coordinator.state.topic.replication.factor=" + node.replicas(),
                "share.coordinator.state.topic.min.isr=" + node.minInsyncReplicas(),
                // Consumers of a fresh group start at once instead of waiting 3 s for more members.
                "group.initial.rebalance.delay.ms=0",
                // Event topics are created explicitly (retention -1); anything else a client asks
                // for (e.g. a dead-letter topic of a renamed consumer group) is created, not lost.
                "auto.create.topics.enable=true"));
        }
        if (security != null) {
            lines.addAll(security.serverProperties());
        }
        lines.add("");
        return String.join("\n", lines);
    }

    String log4jConfig() {
        String logFile = settings.logFile().toAbsolutePath().toString();
        return String.join("\n",
            "# Written by ./tollgate: the broker logs to a file, not to the launcher's terminal.",
            "status = warn",
            "appender.file.type = File",
            "appender.file.name = FILE",
            "appender.file.fileName = " + logFile,
            "appender.file.append = true",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = FILE",
            "logger.state.name = state.change.logger",
            "logger.state.level = WARN",
            "logger.request.name = kafka.request.logger",
            "logger.request.level = WARN",
            "");
    }

    private void format() {
        String clusterId = settings.node().clusterId() != null ? settings.node().clusterId()
            : Uuid.randomUuid().toString();
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
            "-t", clusterId, "-c", settings.serverProperties().toString()));
        if (security != null) {
            command.addAll(security.formatArguments());
        }
        Path log = settings.logsDir().resolve("kafka-format.log");
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process process = builder.start();
            if (!process.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LaunchException("Kafka storage format did not finish within "
                    + FORMAT_TIMEOUT.toSeconds() + " s", LogTail.of(log, LOG_TAIL_LINES));
            }
            if (process.exitValue() != 0) {
                throw new LaunchException("Kafka storage format failed (exit code "
                    + process.exitValue() + ")", LogTail.of(log, LOG_TAIL_LINES));
            }
        } catch (IOException e) {
            throw new LaunchException("cannot run Kafka's StorageTool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while formatting Kafka storage");
        }
    }

    private List<String> javaCommand() {
        return List.of(Java.executable(),
            "-Xms" + settings.heap(), "-Xmx" + settings.heap(),
            "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + settings.log4jConfig().toAbsolutePath(),
            "-Dkafka.logs.dir=" + settings.logsDir().toAbsolutePath(),
            "-cp", settings.libDir().toAbsolutePath() + "/*");
    }

    /** Starts {@code kafka.Kafka server.properties}; call {@link #prepare()} first. */
    public ManagedProcess start() {
        List<String> command = new ArrayList<>(javaCommand());
        command.add("kafka.Kafka");
        command.add(settings.serverProperties().toAbsolutePath().toString());
        return ManagedProcess.start("kafka", command, Map.of(), settings.homeDir(),
            settings.consoleFile(), settings.pidFile());
    }

    /** Waits until the broker answers a metadata request, or fails with its log tail. */
    public void awaitReady(ManagedProcess process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (security != null) {
            // The services' logins work only once their users exist: the operator writes them first.
            security.apply(settings.bootstrapServers(), settings.dataDir(), timeout, () -> {
                if (!process.isAlive()) {
                    throw new LaunchException("Kafka broker exited during start-up ("
                        + process.exitDescription() + ")", evidence());
                }
            });
        }
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new LaunchException("Kafka broker exited during start-up ("
                        + process.exitDescription() + ")", evidence());
                }
                try {
                    admin.describeCluster().nodes()
                        .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    // Not listening yet: the JVM and the raft quorum take a few seconds.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException("interrupted while waiting for the Kafka broker");
                }
                if (System.nanoTime() > deadline) {
                    throw new LaunchException("Kafka broker did not start within "
                        + timeout.toSeconds() + " s on " + settings.bootstrapServers(), evidence());
                }
                sleep(POLL_INTERVAL);
            }
        }
    }

    /** Creates the topics that do not exist yet; returns the names it created. */
    public List<String> createTopics(List<TopicSpec> topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names()
                .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitions(),
                        (short) settings.node().replicas()).configs(topic.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result
                : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> inSpecOrder = new ArrayList<>();
            for (TopicSpec topic : topics) {
                if (created.contains(topic.name())) {
                    inSpecOrder.add(topic.name());
                }
            }
            awaitLeaders(admin, inSpecOrder);
            return inSpecOrder;
        } catch (ExecutionException | TimeoutException e) {
            throw new LaunchException("cannot create topics on " + settings.bootstrapServers() + ": "
                + e.getMessage(), evidence());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while creating topics");
        }
    }

    /**
     * Waits until the broker serves every partition of {@code topics} with a leader: the
     * controller acknowledges a creation before the brokers have the metadata, and a client that
     * asks in between is told the topic does not exist.
     */
    private void awaitLeaders(Admin admin, List<String> topics)
        throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TOPICS_SERVED_TIMEOUT.toNanos();
        while (!topics.isEmpty()) {
            try {
                boolean led = admin.describeTopics(topics).allTopicNames()
                    .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null);
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + topics + " not served with a leader within "
                    + TOPICS_SERVED_TIMEOUT.toSeconds() + " s of their creation");
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** The last lines of the broker's log and console output. */
    public String evidence() {
        return LogTail.of(settings.logFile(), LOG_TAIL_LINES)
            + LogTail.of(settings.consoleFile(), LOG_TAIL_LINES);
    }

    private Admin admin() {
        Properties props = new Properties();
        if (settings.node().isBroker()) {
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        } else {
            // A controller-only node has no broker listener; the admin client can ask it directly.
            props.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                settings.host() + ":" + settings.controllerPort());
        }
        if (security != null) {
            props.putAll(security.adminClientProperties());
        }
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tollgate-launcher");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(props);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting");
        }
    }
}
