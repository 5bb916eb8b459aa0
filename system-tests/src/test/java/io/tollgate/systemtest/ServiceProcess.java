package io.tollgate.systemtest;

import static org.awaitility.Awaitility.await;

import io.tollgate.deploy.local.Database;
import io.tollgate.deploy.local.LocalStack;
import io.tollgate.deploy.local.LocalUsers;
import io.tollgate.deploy.local.LogTail;
import io.tollgate.deploy.local.ManagedProcess;
import io.tollgate.deploy.local.ServiceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Tollgate service run as its own OS process ({@code java -jar …/quarkus-run.jar}) on a free
 * port, H2 files in its own data folder, output appended to its log. It can be stopped, killed
 * (SIGKILL, no shutdown hooks run) and started again on the same data folder.
 */
final class ServiceProcess {

    /** Three services starting together on two cores need far more than their 5 s alone. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final int LOG_TAIL_LINES = 40;
    private static final String HEAP_MAX = "384m";

    private final String module;
    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final String bootstrapServers;
    private final LocalUsers users;
    /** H2 files in the data folder, or this service's own database on a PostgreSQL server. */
    private final Database database;
    private final ServiceSpec spec;
    /** Settings on top of the local stack's (a test's logging or tracing settings). */
    private final Map<String, String> extraEnvironment;
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private ManagedProcess process;
    /** As registered with the reaper, so it can be forgotten once the process is gone. */
    private ProcessHandle handle;
    private int starts;

    ServiceProcess(String module, int port, Path dataDir, Path logFile, String bootstrapServers,
                   LocalUsers users) {
        this(ServiceSpec.ALL.stream().filter(s -> s.name().equals(module)).findFirst().orElseThrow()
            .withPort(port), dataDir, logFile, bootstrapServers, users, Database.h2());
    }

    /** A service on {@code spec}'s port and, on PostgreSQL, {@code spec}'s database name. */
    ServiceProcess(ServiceSpec spec, Path dataDir, Path logFile, String bootstrapServers, LocalUsers users,
                   Database database) {
        this(spec, dataDir, logFile, bootstrapServers, users, database, Map.of());
    }

    /** The same with {@code extraEnvironment} added to (overriding) the local stack's settings. */
    ServiceProcess(ServiceSpec spec, Path dataDir, Path logFile, String bootstrapServers,
                   LocalUsers users, Database database, Map<String, String> extraEnvironment) {
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.spec = spec;
        this.database = database;
        this.module = spec.name();
        this.port = spec.port();
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.bootstrapServers = bootstrapServers;
        this.users = users;
    }

    String name() {
        return module;
    }

    int port() {
        return port;
    }

    /** The database this service uses on PostgreSQL (unused on H2). */
    String databaseName() {
        return spec.databaseName();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    Path logFile() {
        return logFile;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the process (not waiting for it to be ready), set up as {@code ./tollgate up} does. */
    synchronized void start() {
        startProcess();
    }

    /** {@link #start()}, answering the process started (what a supervisor watches). */
    synchronized ManagedProcess startProcess() {
        if (isAlive()) {
            throw new IllegalStateException(module + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            // Written on every start: a wiped data folder loses it with the database.
            users.writeUsersFile(dataDir.resolve(LocalStack.USERS_FILE));
            Files.writeString(logFile, "=== start " + (++starts) + " of " + module + " at " + Instant.now()
                + " on port " + port + " ===\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + module, e);
        }
        Map<String, String> environment = new LinkedHashMap<>(
            LocalStack.serviceEnvironment(spec, dataDir, bootstrapServers, database));
        environment.putAll(extraEnvironment);
        process = ManagedProcess.start(module, command(), environment, dataDir, logFile,
            logFile.resolveSibling(module + ".pid"));
        handle = ProcessHandle.of(process.pid()).orElseThrow();
        ProcessReaper.register(handle);
        return process;
    }

    /** The process running now (or the last one, gone), for a supervisor to watch. */
    synchronized ManagedProcess process() {
        if (process == null) {
            throw new IllegalStateException(module + " was never started");
        }
        return process;
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP_MAX);
        command.add("-XX:+ExitOnOutOfMemoryError");
        // C1 only: these JVMs live for minutes on two shared cores; start-up beats peak speed.
        command.add("-XX:TieredStopAtLevel=1");
        // Extra JVM options for every service, e.g. to try a configuration fix without a rebuild.
        String extra = System.getProperty("tollgate.systemtest.service-jvm-args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-jar");
        command.add(BuildOutputs.serviceJar(module).toString());
        return command;
    }

    /** Polls /q/health/ready until 200; fails at once, with the log tail, if the process died. */
    void awaitReady(Duration timeout) {
        try {
            await("readiness of " + module + " on port " + port)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(this::readyOrDead);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(module + " was not ready within " + timeout.toSeconds() + " s\n"
                + LogTail.of(logFile, LOG_TAIL_LINES), e);
        }
    }

    private boolean readyOrDead() {
        if (!isAlive()) {
            throw new AssertionError(module + " exited during start-up (exit code "
                + exitCode() + ")\n" + LogTail.of(logFile, LOG_TAIL_LINES));
        }
        return isReady();
    }

    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
            .timeout(HEALTH_REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized String exitCode() {
        return process == null || process.isAlive() ? "none" : process.exitDescription();
    }

    /** SIGKILL: no shutdown hook, no flush, no offset commit — a crash. Waits until it is gone. */
    void kill() {
        ManagedProcess p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            return;
        }
        p.kill();
        forget();
    }

    /** SIGTERM (a graceful Quarkus shutdown), SIGKILL after a grace period. */
    void stop() {
        ManagedProcess p;
        synchronized (this) {
            p = process;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        p.stop(STOP_GRACE);
        forget();
    }

    private synchronized void forget() {
        if (handle != null) {
            ProcessReaper.forget(handle);
        }
    }

    /** Deletes the service's data folder (its H2 files): the service must be stopped. */
    void wipeData() {
        if (isAlive()) {
            throw new IllegalStateException("wipe " + module + "'s data only while it is stopped");
        }
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDir, e);
        }
    }

    String logTail() {
        return LogTail.of(logFile, LOG_TAIL_LINES);
    }
}
