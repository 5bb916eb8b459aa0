package io.tollgate.systemtest;

import io.tollgate.contracts.Topics;
import io.tollgate.deploy.demo.Credentials;
import io.tollgate.deploy.local.Database;
import io.tollgate.deploy.local.KafkaBroker;
import io.tollgate.deploy.local.LocalSigningKeys;
import io.tollgate.deploy.local.LocalStack;
import io.tollgate.deploy.local.LocalUsers;
import io.tollgate.deploy.local.Ports;
import io.tollgate.deploy.local.ServiceSpec;
import io.tollgate.deploy.local.StackPaths;
import io.tollgate.deploy.local.TopicSpec;
import io.tollgate.eventing.signing.EventSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One whole Tollgate for one test class: a real Kafka broker (KRaft, its own JVM from Kafka's jars,
 * started by the local-stack launcher's {@link KafkaBroker}) — or a cluster of them, see
 * {@link KafkaNodes} — with the event topics created, and the three packaged services as separate
 * processes, all on free ports under one folder in target/. {@link #close()} stops everything;
 * {@link ProcessReaper} kills whatever is left if the JVM ends.
 */
final class TollgateStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TollgateStack.class.getName());

    /** The brief's partition count: enough to spread orders over several chains and consumers. */
    static final int PARTITIONS = 3;
    /** Ports a developer's `./tollgate up` may hold: never used here, even if the kernel offers them. */
    private static final Set<Integer> RESERVED_PORTS = Set.of(8081, 8082, 8083, 9092, 9093);

    private final Path home;
    private final KafkaNodes kafka;
    /** The services this stack runs, in start order (all three unless a test asked for fewer). */
    private final List<ServiceProcess> services;
    private final Credentials credentials;

    private TollgateStack(Path home, KafkaNodes kafka, List<ServiceProcess> services,
                          Credentials credentials) {
        this.credentials = credentials;
        this.home = home;
        this.kafka = kafka;
        this.services = List.copyOf(services);
    }

    /** Starts broker and services (on H2) and waits until all are ready; on failure stops what started. */
    static TollgateStack start(String name) {
        return start(name, Database.h2());
    }

    /**
     * The same on {@code database}: on PostgreSQL each service gets a fresh database of its own,
     * named after the stack ({@code <name>_<time>_<service>}), created here.
     */
    static TollgateStack start(String name, Database database) {
        return start(name, database, 1);
    }

    /**
     * The broker and ledger-service alone (H2): for tests that write the event topics themselves,
     * where order- and regulator-service would answer the events with their own.
     */
    static TollgateStack startLedgerOnly(String name) {
        return start(name, Database.h2(), 1, List.of(ServiceSpec.LEDGER));
    }

    /** The same with {@code environment} added to the ledger's settings. */
    static TollgateStack startLedgerOnly(String name, Map<String, String> environment) {
        return start(name, Database.h2(), 1, List.of(ServiceSpec.LEDGER), environment);
    }

    /** The stack's trusted public keys (every service's, the ledger's too), as ./tollgate up writes them. */
    Path trustedKeysFile() {
        return LocalSigningKeys.dirBeside(new StackPaths(BuildOutputs.repoRoot(), home)
            .serviceDataDir(ServiceSpec.LEDGER)).resolve("trusted-keys");
    }

    /**
     * The same on {@code brokers} Kafka brokers: more than one is a cluster with a separate
     * controller, topics with one replica per broker and a minimum ISR of one fewer.
     */
    static TollgateStack start(String name, Database database, int brokers) {
        return start(name, database, brokers, ServiceSpec.ALL, Map.of());
    }

    /**
     * One broker, H2, the three services with {@code serviceEnvironment} added to the local
     * stack's settings of each (e.g. JSON logs, a log level, tracing settings).
     */
    static TollgateStack start(String name, Map<String, String> serviceEnvironment) {
        return start(name, Database.h2(), 1, ServiceSpec.ALL, serviceEnvironment);
    }

    private static TollgateStack start(String name, Database database, int brokers,
                                       List<ServiceSpec> wanted) {
        return start(name, database, brokers, wanted, Map.of());
    }

    private static TollgateStack start(String name, Database database, int brokers,
                                       List<ServiceSpec> wanted,
                                       Map<String, String> serviceEnvironment) {
        long startNs = System.nanoTime();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"));
        Path home = BuildOutputs.workDir().resolve(name + "-" + stamp);
        Set<Integer> taken = new HashSet<>();
        // The launcher's folder layout: kafka/, logs/, run/, one folder per service, credentials.
        StackPaths layout = new StackPaths(BuildOutputs.repoRoot(), home);
        KafkaNodes kafka = KafkaNodes.start(home, brokers, taken, topics());
        List<ServiceProcess> services = new ArrayList<>();
        try {
            String bootstrap = kafka.bootstrapServers();
            // One user per role, generated like ./tollgate up does; each service gets the user file.
            LocalUsers users = LocalUsers.ensure(layout.credentialsFile());
            String ready = seconds(startNs);
            LOG.info(() -> "[" + name + "] Kafka: " + brokers + " KRaft broker process(es) from"
                + " Kafka's own jars (deploy launcher's KafkaBroker)"
                + (brokers > 1 ? " and a controller" : "") + ", first pid " + kafka.firstBrokerPid()
                + ", on " + bootstrap + ", topics with " + PARTITIONS + " partitions and " + brokers
                + " replica(s), ready after " + ready);
            List<ServiceSpec> specs = new ArrayList<>();
            for (ServiceSpec service : wanted) {
                String databaseName = (name + "_" + stamp + "_" + service.databaseName())
                    .replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
                specs.add(new ServiceSpec(service.name(), freePort(taken), service.apiPath(), databaseName));
            }
            database.ensureDatabases(specs);
            for (int i = 0; i < specs.size(); i++) {
                ServiceSpec service = wanted.get(i);
                // The ledger's console reaches the other two on their free ports, as ./tollgate up's does.
                Map<String, String> environment = new LinkedHashMap<>(
                    LocalStack.consoleEnvironment(specs.get(i), specs));
                environment.putAll(serviceEnvironment);
                services.add(new ServiceProcess(specs.get(i), layout.serviceDataDir(service),
                    layout.serviceLog(service), bootstrap, users, database, environment));
            }
            // Started together: each spends its start-up on its own JIT, Flyway and Axon work.
            services.forEach(ServiceProcess::start);
            for (ServiceProcess service : services) {
                service.awaitReady(ServiceProcess.READY_TIMEOUT);
                LOG.info(() -> "[" + name + "] " + service.name() + " ready on " + service.baseUrl()
                    + " (pid " + service.pid() + ") after " + seconds(startNs));
            }
            return new TollgateStack(home, kafka, services, Credentials.fromFile(layout.credentialsFile()));
        } catch (RuntimeException | AssertionError e) {
            services.forEach(ServiceProcess::kill);
            kafka.close();
            throw e;
        }
    }

    /**
     * The two event topics and the services' dead-letter topics, all with {@link #PARTITIONS}
     * (replicas: one per broker, set by {@link KafkaNodes}).
     */
    private static List<TopicSpec> topics() {
        List<TopicSpec> topics = new ArrayList<>();
        for (Topics.Topic topic : Topics.EVENT_TOPICS) {
            topics.add(new TopicSpec(topic.name(), PARTITIONS, TopicSpec.KEEP_FOREVER));
        }
        topics.add(new TopicSpec(Topics.LEDGER_CHECKPOINTS.name(), PARTITIONS, TopicSpec.KEEP_FOREVER));
        for (ServiceSpec service : ServiceSpec.ALL) {
            topics.add(new TopicSpec(Topics.deadLetterFor(service.consumerGroup()).name(), PARTITIONS,
                TopicSpec.KEEP_FOREVER));
        }
        return topics;
    }


    static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = Ports.freePort();
            if (!RESERVED_PORTS.contains(port) && taken.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port after 50 attempts");
    }

    private static String seconds(long startNs) {
        return String.format("%.1f s", (System.nanoTime() - startNs) / 1e9);
    }

    /** The HTTP Basic users of this stack, one per role. */
    Credentials credentials() {
        return credentials;
    }

    ServiceProcess order() {
        return service(ServiceSpec.ORDER);
    }

    ServiceProcess regulator() {
        return service(ServiceSpec.REGULATOR);
    }

    ServiceProcess ledger() {
        return service(ServiceSpec.LEDGER);
    }

    private ServiceProcess service(ServiceSpec spec) {
        return services.stream().filter(s -> s.name().equals(spec.name())).findFirst()
            .orElseThrow(() -> new IllegalStateException(spec.name() + " is not in this stack"));
    }

    List<ServiceProcess> services() {
        return services;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The stack's Kafka nodes (a broker of a cluster can be killed and restarted). */
    KafkaNodes kafka() {
        return kafka;
    }

    Path home() {
        return home;
    }

    /**
     * Signs a record as the service its {@code ce_source} header names, with that service's key of
     * this stack: for a test that publishes straight onto the topics what a service would have.
     */
    void signAsItsSource(Headers headers, byte[] value) {
        Header source = headers.lastHeader("ce_source");
        if (source == null) {
            throw new IllegalArgumentException("a record without ce_source has no service to sign as");
        }
        String service = new String(source.value(), StandardCharsets.UTF_8).replaceFirst("^/tollgate/", "");
        LocalSigningKeys keys = LocalSigningKeys.ensure(LocalSigningKeys.dirBeside(
            new StackPaths(BuildOutputs.repoRoot(), home).serviceDataDir(ServiceSpec.LEDGER)));
        new EventSigner(keys.signing(service)).sign(headers, value);
    }

    /** Restarts stopped or killed services (together) on their ports and data folders; waits for them. */
    void restart(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            service.start();
        }
        for (ServiceProcess service : services) {
            service.awaitReady(ServiceProcess.READY_TIMEOUT);
            LOG.info(() -> service.name() + " restarted (pid " + service.pid() + ")");
        }
    }

    /** Stops the services (SIGKILL: their data is not needed after the test) and then the broker. */
    @Override
    public void close() {
        for (ServiceProcess service : services()) {
            service.kill();
        }
        kafka.close();
        LOG.info(() -> "stack stopped; logs and data kept in " + home);
    }
}
