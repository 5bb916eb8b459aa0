package io.tollgate.deploy.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack: one KRaft broker and the three services as separate processes, on H2 files under
 * one data folder or on a PostgreSQL server ({@link Database}). {@link #up} starts them in order and waits for each; {@link #down} stops them in
 * reverse; {@link #status} reports them. Pid files make {@code down}/{@code status} work from
 * another JVM.
 */
public final class LocalStack {

    /** A service needs 4–5 s alone; three starting together on two cores need more. */
    public static final Duration READY_TIMEOUT_DEFAULT = Duration.ofSeconds(120);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration BROKER_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);
    /**
     * Heap of each service: its working set under load is well below this (batches of at most 500
     * records, 64-write commit groups), and the resident size (heap plus ~150 MB of metaspace, code
     * and threads) stays under 400 MB per service.
     */
    private static final String SERVICE_HEAP_MAX = "256m";
    private static final String BROKER_HEAP = "512m";
    private static final Duration SUPERVISOR_STOP_GRACE = Duration.ofSeconds(90);
    private static final String SUPERVISOR_HEAP_MAX = "64m";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String KAFKA = "kafka";
    private static final String SUPERVISOR = "supervisor";
    /** The embedded user file eventing reads in each service's data folder. */
    public static final String USERS_FILE = "users.properties";
    /** The operations console's page, served by ledger-service (docs/operations.md). */
    public static final String CONSOLE_PATH = "/console/";

    /** Exit codes of {@code status}, as LSB init scripts use them. */
    public static final int STATUS_RUNNING = 0;
    public static final int STATUS_DEGRADED = 1;
    public static final int STATUS_STOPPED = 3;

    /** How to start the stack. */
    public record UpOptions(int kafkaPort, int controllerPort, Duration readyTimeout,
                            Database database, List<ServiceSpec> services) {
        public UpOptions {
            services = List.copyOf(services);
        }
    }

    private final StackPaths paths;
    private final PrintStream out;
    private final HealthProbe health = new HealthProbe();
    /** Processes this JVM started, in start order; guarded by {@code this}. */
    private final List<ManagedProcess> started = new ArrayList<>();
    private boolean keepRunning;
    /** In {@link ServiceSpec#ALL}'s order; see {@link #services()}. */
    private List<ServiceSpec> services;
    /** Set once a stop begins, so the foreground monitor does not report the exits it causes. */
    private volatile boolean stopping;

    /** The services with the ports the running stack was given (state file), else the defaults. */
    private List<ServiceSpec> services() {
        if (services == null) {
            services = StackState.read(stateFile()).map(StackState::services).orElse(ServiceSpec.ALL);
        }
        return services;
    }

    /** The running stack's service, found by name. */
    public Optional<ServiceSpec> service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A client for the running stack: its ports, the credentials {@code up} generated. */
    public io.tollgate.deploy.demo.ApiClient apiClient() {
        return new io.tollgate.deploy.demo.ApiClient(endpoints(),
            io.tollgate.deploy.demo.Credentials.fromFile(paths.credentialsFile()));
    }

    /** The API endpoints of the running stack's services. */
    public io.tollgate.deploy.demo.ApiClient.Endpoints endpoints() {
        List<ServiceSpec> s = services();
        return new io.tollgate.deploy.demo.ApiClient.Endpoints(s.get(0).baseUrl(), s.get(1).baseUrl(),
            s.get(2).baseUrl());
    }

    public LocalStack(StackPaths paths, PrintStream out) {
        this.paths = paths;
        this.out = out;
    }

    /**
     * Starts what is not running of the broker and the services and waits until all are ready;
     * on a partly running stack the running processes are kept (with the settings they were
     * started with). On any failure, stops what it started and throws. Ctrl-C during start-up
     * stops what was started, too.
     */
    public void up(UpOptions requested) {
        Java.requireSupportedVersion();
        requireBuilt();
        Map<String, ManagedProcess> running = runningByName();
        if (running.size() == services().size() + 1) {
            throw new LaunchException("Tollgate is already running from " + paths.dataDir(),
                "  see: ./tollgate status    stop it with: ./tollgate down");
        }
        UpOptions options = running.isEmpty() ? requested
            : StackState.read(stateFile()).map(st -> st.options(requested.readyTimeout())).orElse(requested);
        if (!running.isEmpty()) {
            out.println("Partly running (" + String.join(", ", running.keySet())
                + "): starting only what is missing, with the settings of the running stack.");
        }
        services = options.services();
        requirePortsFree(options, running.keySet());
        Thread hook = new Thread(this::stopStarted, "tollgate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            StackState.of(options).write(stateFile());
            String bootstrap = running.containsKey(KAFKA) ? LOOPBACK + ":" + options.kafkaPort()
                : startBroker(options).settings().bootstrapServers();
            prepareDatabase(options.database());
            startServices(bootstrap, options, running);
            printUrls(bootstrap);
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!started.isEmpty()) {
                    out.println("! start-up failed: " + e.getMessage() + "; stopping what was started");
                }
            }
            stopStarted();
            removeHook(hook);
            throw e;
        }
    }

    private void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Already running the hooks: nothing to remove.
        }
    }

    /**
     * Leaves the processes running when this JVM exits ({@code up --detach}) and hands their
     * supervision to a background supervisor process ({@code tollgate supervise}), unless one runs.
     */
    public synchronized void detach() {
        keepRunning = true;
        if (supervisorProcess().isPresent()) {
            return;
        }
        List<String> command = List.of(Java.executable(), "-Xmx" + SUPERVISOR_HEAP_MAX,
            "-Dtollgate.home=" + paths.repoRoot(), "-cp", System.getProperty("java.class.path"),
            TollgateCli.class.getName(), "supervise", "--data-dir", paths.dataDir().toString());
        ManagedProcess supervisor = ManagedProcess.start(SUPERVISOR, command, Map.of(), paths.dataDir(),
            paths.logsDir().resolve("supervisor.log"), supervisorPidFile());
        out.println("[supervisor] watching the services (pid " + supervisor.pid() + ", log "
            + supervisor.logFile() + ")");
    }

    /**
     * Blocks while the stack runs in the foreground, restarting a service that exits on its own
     * ({@link Supervisor}). Returns once {@code ./tollgate down} (elsewhere) has stopped it; Ctrl-C
     * ends the JVM and the shutdown hook stops everything.
     */
    public int runInForeground() {
        Optional<ManagedProcess> background = supervisorProcess();
        if (background.isPresent()) {
            // Two supervisors would race to restart the same service on the same port.
            out.println("A background supervisor (pid " + background.get().pid() + ") watches the stack;"
                + " stop it with: ./tollgate down");
            synchronized (this) {
                keepRunning = true;
            }
            return 0;
        }
        out.println("Press Ctrl-C to stop everything.");
        ManagedProcess.recordSelf(supervisorPidFile());
        Supervisor supervisor = supervisor();
        synchronized (this) {
            for (ManagedProcess process : started) {
                unitOf(process.name()).ifPresent(unit -> supervisor.watch(unit, process));
            }
        }
        supervisor.run(() -> !stopping);
        return 0;
    }

    /**
     * The background supervisor of a detached stack: watches the services the pid files name
     * until it is stopped (SIGTERM by {@code down}); it never stops them itself.
     */
    public int superviseDetached() {
        ManagedProcess.recordSelf(supervisorPidFile());
        Supervisor supervisor = supervisor();
        for (ServiceSpec service : services()) {
            Optional<ManagedProcess> process = ManagedProcess.fromPidFile(service.name(),
                paths.servicePidFile(service), paths.serviceLog(service));
            Supervisor.Unit unit = unitOf(service.name()).orElseThrow();
            supervisor.watch(unit, process.orElseGet(() -> unit.starter().get()));
        }
        out.println("supervising " + services().size() + " services from " + paths.dataDir());
        supervisor.run(() -> true);
        return 0;
    }

    private Supervisor supervisor() {
        return new Supervisor(Supervisor.Backoff.DEFAULT, downMarker(), out);
    }

    /** How the supervisor starts a service again: with the settings the running stack was given. */
    private Optional<Supervisor.Unit> unitOf(String name) {
        return service(name).map(spec -> new Supervisor.Unit(spec.name(), () -> {
            UpOptions options = StackState.read(stateFile())
                .orElseThrow(() -> new LaunchException("no " + stateFile() + ": cannot restart " + name))
                .options(READY_TIMEOUT_DEFAULT);
            return startService(spec, LOOPBACK + ":" + options.kafkaPort(), options.database());
        }, paths.runDir()));
    }

    /**
     * Restarts one service: through the supervisor when one runs (the restart is not counted as a
     * crash), else by stopping and starting it here. Waits until it is ready again.
     */
    public void restart(ServiceSpec service, Duration readyTimeout) {
        Optional<ManagedProcess> current = ManagedProcess.fromPidFile(service.name(),
            paths.servicePidFile(service), paths.serviceLog(service));
        long oldPid = current.map(ManagedProcess::pid).orElse(-1L);
        ManagedProcess fresh;
        if (supervisorProcess().isPresent()) {
            touch(paths.runDir().resolve(service.name() + ".restart-requested"));
            // The supervisor writes the successor's pid file: never delete it from here.
            current.ifPresent(p -> {
                p.requestStop();
                p.awaitExit(SERVICE_STOP_GRACE);
            });
            fresh = awaitNewProcess(service, oldPid, readyTimeout);
        } else {
            UpOptions options = StackState.read(stateFile())
                .orElseThrow(() -> new LaunchException("the stack has not been started here",
                    "  start it with: ./tollgate up --detach"))
                .options(readyTimeout);
            current.ifPresent(p -> p.stop(SERVICE_STOP_GRACE));
            fresh = startService(service, LOOPBACK + ":" + options.kafkaPort(), options.database());
            out.println("note: no supervisor runs; " + service.name() + " will not be restarted if it dies");
        }
        health.awaitReady(fresh, service.baseUrl(), readyTimeout);
        out.println("[" + service.name() + "] restarted and ready (pid " + fresh.pid() + ")");
    }

    private ManagedProcess awaitNewProcess(ServiceSpec service, long oldPid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ManagedProcess> now = ManagedProcess.fromPidFile(service.name(),
                paths.servicePidFile(service), paths.serviceLog(service));
            if (now.isPresent() && now.get().pid() != oldPid) {
                return now.get();
            }
            KafkaBroker.sleep(MONITOR_INTERVAL);
        }
        throw new LaunchException("the supervisor did not start " + service.name() + " again within "
            + timeout.toSeconds() + " s", "  see " + paths.logsDir().resolve("supervisor.log"));
    }

    private void requireBuilt() {
        for (ServiceSpec service : services()) {
            Path jar = service.jar(paths.repoRoot());
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException(service.name() + " is not built: " + jar + " is missing",
                    "  build it with: ./mvnw -B -q install -DskipTests");
            }
        }
    }

    private void requirePortsFree(UpOptions options, java.util.Set<String> running) {
        if (!running.contains(KAFKA)) {
            Ports.requireFree(options.kafkaPort(), "Kafka broker");
            Ports.requireFree(options.controllerPort(), "Kafka controller");
        }
        for (ServiceSpec service : services()) {
            if (!running.contains(service.name())) {
                Ports.requireFree(service.port(), service.name());
            }
        }
    }

    private KafkaBroker startBroker(UpOptions options) {
        KafkaBroker broker = new KafkaBroker(new KafkaBroker.Settings(paths.kafkaHome(),
            paths.logsDir(), paths.runDir(), StackPaths.libDir(), LOOPBACK, options.kafkaPort(),
            options.controllerPort(), BROKER_HEAP),
            new BrokerSecurity(KafkaCredentials.ensure(paths.credentialsFile())));
        long startNs = System.nanoTime();
        if (broker.prepare()) {
            out.println("[kafka] formatted new KRaft storage in " + broker.settings().dataDir());
        }
        out.println("[kafka] starting broker on " + broker.settings().bootstrapServers()
            + " (controller " + LOOPBACK + ":" + options.controllerPort() + ")");
        ManagedProcess process = broker.start();
        remember(process);
        broker.awaitReady(process, options.readyTimeout());
        out.println("[kafka] ready in " + seconds(startNs) + " (pid " + process.pid() + ", log "
            + broker.settings().logFile() + ")");
        List<String> created = broker.createTopics(TopicSpec.tollgateTopics());
        out.println("[kafka] topics: " + (created.isEmpty() ? "all present"
            : "created " + String.join(", ", created)));
        return broker;
    }

    private void prepareDatabase(Database database) {
        List<String> created = database.ensureDatabases(services());
        out.println("[database] " + database.describe() + (created.isEmpty() ? ""
            : " (created databases " + String.join(", ", created) + ")"));
    }

    private void startServices(String bootstrapServers, UpOptions options,
                               Map<String, ManagedProcess> running) {
        long startNs = System.nanoTime();
        Map<ServiceSpec, ManagedProcess> processes = new LinkedHashMap<>();
        // Started together: each spends most of its start-up on its own JIT and Flyway work.
        for (ServiceSpec service : services()) {
            ManagedProcess process = running.get(service.name());
            if (process == null) {
                out.println("[" + service.name() + "] starting on port " + service.port());
                process = startService(service, bootstrapServers, options.database());
            } else {
                out.println("[" + service.name() + "] already running (pid " + process.pid() + ")");
                remember(process);
            }
            processes.put(service, process);
        }
        running.computeIfPresent(KAFKA, (name, broker) -> {
            remember(broker);
            return broker;
        });
        for (Map.Entry<ServiceSpec, ManagedProcess> entry : processes.entrySet()) {
            health.awaitReady(entry.getValue(), entry.getKey().baseUrl(), options.readyTimeout());
            out.println("[" + entry.getKey().name() + "] ready after " + seconds(startNs)
                + " (pid " + entry.getValue().pid() + ")");
        }
    }

    /** Starts one service with its users file and a fresh copy of its build; does not wait. */
    private ManagedProcess startService(ServiceSpec service, String bootstrapServers, Database database) {
        LocalUsers users = LocalUsers.ensure(paths.credentialsFile());
        if (!users.generated().isEmpty()) {
            // Shown this once; afterwards only the file (mode 600) holds them.
            out.println("New local users (HTTP Basic), shown once, kept in " + paths.credentialsFile() + ":");
            for (String user : users.generated()) {
                out.println("  " + user + " / " + users.password(user));
            }
        }
        users.writeUsersFile(paths.serviceDataDir(service).resolve(USERS_FILE));
        AppSnapshot.sync(service.jar(paths.repoRoot()).getParent(), appDir(service));
        ManagedProcess process = ManagedProcess.start(service.name(), serviceCommand(service),
            serviceEnv(service, bootstrapServers, database), paths.serviceDataDir(service),
            paths.serviceLog(service), paths.servicePidFile(service));
        remember(process);
        return process;
    }

    private List<String> serviceCommand(ServiceSpec service) {
        // The serial collector: on two cores shared by five processes a parallel collector's threads
        // only compete with the work, and it keeps no per-region bookkeeping (less memory than G1).
        return List.of(Java.executable(), "-Xmx" + SERVICE_HEAP_MAX, "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-jar", appDir(service).resolve("quarkus-run.jar").toString());
    }

    /** The service's private copy of its quarkus-app, so a rebuild cannot pull jars from under it. */
    private Path appDir(ServiceSpec service) {
        return paths.serviceDataDir(service).resolve("app");
    }

    /** The environment a service reads its settings from (see eventing's config defaults). */
    Map<String, String> serviceEnv(ServiceSpec service, String bootstrapServers, Database database) {
        Map<String, String> env = new LinkedHashMap<>(
            serviceEnvironment(service, paths.serviceDataDir(service), bootstrapServers, database));
        // The broker takes SCRAM logins only: each service logs in as itself (KafkaAccess' ACLs).
        env.putAll(KafkaCredentials.ensure(paths.credentialsFile()).serviceEnvironment(service.name()));
        env.putAll(consoleEnvironment(service, services()));
        return env;
    }

    /**
     * Where ledger-service's console finds the other two services (its peers' base URLs); nothing
     * for the other services. The system tests, whose services run on free ports, use it too.
     */
    public static Map<String, String> consoleEnvironment(ServiceSpec service, List<ServiceSpec> stack) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!service.name().equals(ServiceSpec.LEDGER.name())) {
            return env;
        }
        for (ServiceSpec peer : stack) {
            if (!peer.name().equals(service.name())) {
                String key = "TOLLGATE_CONSOLE_" + peer.name().replace('-', '_').toUpperCase(java.util.Locale.ROOT)
                    + "_URL";
                env.put(key, peer.baseUrl());
            }
        }
        return env;
    }

    /**
     * The settings of a local-stack service as environment variables: its port on 127.0.0.1, the
     * broker, its database, and the embedded HTTP Basic users of {@code <dataDir>/users.properties}
     * (eventing's {@code tollgate.auth.users-file} default). The system tests start theirs so too.
     */
    public static Map<String, String> serviceEnvironment(ServiceSpec service, Path dataDir,
                                                         String bootstrapServers, Database database) {
        Map<String, String> env = new LinkedHashMap<>(database.env(service));
        env.put("TOLLGATE_DATA_DIR", dataDir.toString());
        // One Ed25519 key pair per service beside the service folders: sign with its own, trust all.
        env.putAll(LocalSigningKeys.ensure(LocalSigningKeys.dirBeside(dataDir)).environment(service.name()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        // A laptop stack: reachable from this machine only.
        env.put("QUARKUS_HTTP_HOST", LOOPBACK);
        // Eventing refuses embedded users in the prod profile unless the local profile is active too.
        env.put("TOLLGATE_AUTH_MODE", "embedded");
        env.put("QUARKUS_PROFILE", "prod,local");
        // glibc gives every thread that allocates its own malloc arena (64 MB reserved, several MB
        // resident each); two are plenty for a JVM, whose own allocations do not go through malloc.
        env.put("MALLOC_ARENA_MAX", "2");
        return env;
    }

    private synchronized void remember(ManagedProcess process) {
        started.add(process);
    }

    /** Stops what this JVM started, services first (they flush to the broker), then the broker. */
    private synchronized void stopStarted() {
        if (keepRunning || started.isEmpty()) {
            return;
        }
        stopping = true;
        out.println("Stopping Tollgate...");
        // The marker keeps this JVM's own supervisor from restarting what is being stopped.
        touch(downMarker());
        try {
            stopInOrder(new ArrayList<>(started));
        } finally {
            started.clear();
            try {
                Files.deleteIfExists(downMarker());
            } catch (IOException e) {
                out.println("warning: cannot delete " + downMarker() + ": " + e.getMessage());
            }
        }
    }

    private void stopInOrder(List<ManagedProcess> processes) {
        List<ManagedProcess> services = new ArrayList<>();
        List<ManagedProcess> brokers = new ArrayList<>();
        for (ManagedProcess process : processes) {
            (process.name().equals("kafka") ? brokers : services).add(process);
        }
        stopTogether(services, SERVICE_STOP_GRACE);
        stopTogether(brokers, BROKER_STOP_GRACE);
    }

    private void stopTogether(List<ManagedProcess> processes, Duration grace) {
        for (ManagedProcess process : processes) {
            process.requestStop();
        }
        for (ManagedProcess process : processes) {
            boolean graceful = process.awaitStopped(grace);
            out.println("[" + process.name() + "] stopped (pid " + process.pid() + ")"
                + (graceful ? "" : " — killed after " + grace.toSeconds() + " s"));
        }
    }

    /** Stops every process the pid files name; returns how many were running. */
    public int down() {
        Optional<ManagedProcess> supervisor = supervisorProcess();
        List<ManagedProcess> running = running();
        if (running.isEmpty() && supervisor.isEmpty()) {
            out.println("Tollgate is not running (data folder " + paths.dataDir() + ").");
            return 0;
        }
        touch(downMarker());
        try {
            // First the supervisor, so nothing is restarted; a foreground `up` stops its stack then.
            supervisor.ifPresent(p -> p.stop(SUPERVISOR_STOP_GRACE));
            stopInOrder(running());
        } finally {
            try {
                Files.deleteIfExists(downMarker());
            } catch (IOException e) {
                out.println("warning: cannot delete " + downMarker() + ": " + e.getMessage());
            }
        }
        out.println("Tollgate stopped. Data kept in " + paths.dataDir());
        return running.size();
    }

    /** Prints each process's state; returns an LSB-style status code. */
    public int status() {
        int up = 0;
        Optional<ManagedProcess> broker = ManagedProcess.fromPidFile("kafka",
            paths.runDir().resolve("kafka.pid"), paths.logsDir().resolve("kafka.out"));
        String bootstrap = bootstrapServers();
        if (broker.isPresent()) {
            up++;
            out.printf("%-18s running   pid %-8d %s%n", "kafka", broker.get().pid(), bootstrap);
        } else {
            out.printf("%-18s stopped%n", "kafka");
        }
        for (ServiceSpec service : services()) {
            Optional<ManagedProcess> process = ManagedProcess.fromPidFile(service.name(),
                paths.servicePidFile(service), paths.serviceLog(service));
            if (process.isEmpty()) {
                out.printf("%-18s stopped%n", service.name());
                continue;
            }
            boolean ready = health.isReady(service.baseUrl());
            up += ready ? 1 : 0;
            out.printf("%-18s %-9s pid %-8d %s  restarts %d%s%n", service.name(),
                ready ? "ready" : "not ready", process.get().pid(), service.baseUrl(),
                Supervisor.restarts(unitOf(service.name()).orElseThrow()),
                ready ? "" : "  " + health.readinessReport(service.baseUrl()));
        }
        Optional<ManagedProcess> supervisor = supervisorProcess();
        out.println(supervisor.map(p -> String.format("%-18s running   pid %d", SUPERVISOR, p.pid()))
            .orElse(String.format("%-18s not running (crashed services are not restarted)", SUPERVISOR)));
        StackState.read(stateFile()).ifPresent(st -> out.println("database: " + st.database().describe()));
        out.println("data: " + paths.dataDir() + "   logs: " + paths.logsDir());
        if (up == 0) {
            return STATUS_STOPPED;
        }
        return up == services().size() + 1 ? STATUS_RUNNING : STATUS_DEGRADED;
    }

    /** The processes the pid files name that are still alive (stale pid files are removed). */
    private List<ManagedProcess> running() {
        List<ManagedProcess> running = new ArrayList<>();
        for (ServiceSpec service : services()) {
            ManagedProcess.fromPidFile(service.name(), paths.servicePidFile(service),
                paths.serviceLog(service)).ifPresent(running::add);
        }
        ManagedProcess.fromPidFile("kafka", paths.runDir().resolve("kafka.pid"),
            paths.logsDir().resolve("kafka.out")).ifPresent(running::add);
        return running;
    }

    /** Name and pid of every process of the stack running now, broker first. */
    public Map<String, Long> runningPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        List<ManagedProcess> running = running();
        for (int i = running.size() - 1; i >= 0; i--) {
            pids.put(running.get(i).name(), running.get(i).pid());
        }
        return pids;
    }

    /** The broker's address as the last {@code up} wrote it. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + StackState.read(stateFile()).map(StackState::kafkaPort).orElse(9092);
    }

    /** Client settings for tools on this machine: the bootstrap servers and the operator's login. */
    public Map<String, Object> kafkaConnection() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        KafkaCredentials.adminLogin(paths.credentialsFile()).ifPresent(l -> props.putAll(l.clientProperties()));
        return props;
    }

    private Map<String, ManagedProcess> runningByName() {
        Map<String, ManagedProcess> byName = new LinkedHashMap<>();
        running().forEach(p -> byName.put(p.name(), p));
        return byName;
    }

    private Path supervisorPidFile() {
        return paths.runDir().resolve(SUPERVISOR + ".pid");
    }

    private Optional<ManagedProcess> supervisorProcess() {
        return ManagedProcess.fromPidFile(SUPERVISOR, supervisorPidFile(),
            paths.logsDir().resolve("supervisor.log"));
    }

    /** Exists while {@code down} runs: no supervisor restarts anything then. */
    private Path downMarker() {
        return paths.runDir().resolve("down.requested");
    }

    private static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Path stateFile() {
        return paths.runDir().resolve("stack.properties");
    }

    private void printUrls(String bootstrapServers) {
        out.println();
        out.println("Tollgate is up. Data: " + paths.dataDir() + "  Logs: " + paths.logsDir());
        out.println("  Users (HTTP Basic): " + String.join(", ", LocalUsers.ACCOUNTS.keySet()) + ": "
            + paths.credentialsFile());
        out.printf("  %-18s %s  (topics: %s)%n", "Kafka", bootstrapServers,
            String.join(", ", TopicSpec.tollgateTopics().stream().map(TopicSpec::name).toList()));
        ServiceSpec ledger = services().stream().filter(s -> s.name().equals(ServiceSpec.LEDGER.name()))
            .findFirst().orElse(ServiceSpec.LEDGER);
        out.printf("  %-18s %s%s  (sign in as operator, auditor or treasury; docs/operations.md)%n", "Console",
            ledger.baseUrl(), CONSOLE_PATH);
        for (ServiceSpec service : services()) {
            out.printf("  %-18s API %s%s%n", service.name(), service.baseUrl(), service.apiPath());
            out.printf("  %-18s Swagger UI %s/q/swagger-ui   metrics %s/q/metrics   health %s%s%n",
                "", service.baseUrl(), service.baseUrl(), service.baseUrl(), HealthProbe.READY_PATH);
        }
        out.println();
    }

    private static String seconds(long startNs) {
        return String.format("%.1f s", (System.nanoTime() - startNs) / 1e9);
    }
}
