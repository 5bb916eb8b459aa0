package io.tollgate.deploy.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child process of the local stack (the broker or a service): started in its own session with
 * its output appended to a log file, remembered in a pid file so that a later {@code down} or
 * {@code status} — another JVM — can find it again, and stopped with SIGTERM before SIGKILL.
 */
public final class ManagedProcess {

    /** A pid file's start time may differ by rounding between reads of /proc; not by more. */
    private static final long START_TOLERANCE_MS = 2_000;

    private final String name;
    private final ProcessHandle handle;
    private final Path pidFile;
    private final Path logFile;
    /** The child as this JVM started it; null when found through a pid file. */
    private final Process process;

    private ManagedProcess(String name, ProcessHandle handle, Process process, Path pidFile,
                           Path logFile) {
        this.name = name;
        this.handle = handle;
        this.process = process;
        this.pidFile = pidFile;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} in a new session (via {@code setsid} where it exists), so that Ctrl-C
     * in the launcher's terminal reaches only the launcher, which then stops the children in order,
     * and so that a detached stack survives the terminal closing.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env,
                                       Path workDir, Path logFile, Path pidFile) {
        List<String> full = new ArrayList<>();
        setsid().ifPresent(full::add);
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Process process = builder.start();
            ManagedProcess managed = new ManagedProcess(name, process.toHandle(), process, pidFile, logFile);
            managed.writePidFile();
            return managed;
        } catch (IOException e) {
            throw new LaunchException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The process a pid file names, if it is still the same live process (a pid can be reused by
     * an unrelated process after a reboot or a crash; the start time tells them apart). A stale pid
     * file is deleted.
     */
    public static Optional<ManagedProcess> fromPidFile(String name, Path pidFile, Path logFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            long startedMs = lines.size() > 1 ? Long.parseLong(lines.get(1).trim()) : -1;
            Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> startedMs < 0 || sameStart(h, startedMs));
            if (handle.isEmpty()) {
                // A stale file is ignored, never deleted by a reader: the supervisor may have just
                // written a restarted service's pid over it, and deleting that would hide the
                // new process from restart, status and down.
                return Optional.empty();
            }
            return Optional.of(new ManagedProcess(name, handle.get(), null, pidFile, logFile));
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("unreadable pid file " + pidFile + ": " + e.getMessage()
                + " (delete it if no Tollgate process is running)");
        }
    }

    /**
     * Writes this JVM's own pid file (the supervisor), so that {@code down}, {@code status} and
     * {@code restart} find it like any child; returns it.
     */
    public static ManagedProcess recordSelf(Path pidFile) {
        ManagedProcess self = new ManagedProcess(pidFile.getFileName().toString().replace(".pid", ""),
            ProcessHandle.current(), null, pidFile, Path.of("/dev/null"));
        try {
            Files.createDirectories(pidFile.getParent());
            self.writePidFile();
        } catch (IOException e) {
            throw new LaunchException("cannot write " + pidFile + ": " + e.getMessage(), e);
        }
        return self;
    }

    private static boolean sameStart(ProcessHandle handle, long startedMs) {
        Optional<Instant> start = handle.info().startInstant();
        return start.isEmpty() || Math.abs(start.get().toEpochMilli() - startedMs) <= START_TOLERANCE_MS;
    }

    private static Optional<String> setsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private void writePidFile() throws IOException {
        long startedMs = handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        Files.writeString(pidFile, handle.pid() + "\n" + startedMs + "\n", StandardCharsets.UTF_8);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** How the process ended: "exit code N" when this JVM started it, else "exited". */
    public String exitDescription() {
        if (process != null && !process.isAlive()) {
            return "exit code " + process.exitValue();
        }
        return "exited";
    }

    /** Asks the process to stop (SIGTERM) without waiting; see {@link #awaitStopped}. */
    public void requestStop() {
        handle.destroy();
    }

    /**
     * Waits up to {@code grace} for the process to exit after {@link #requestStop()}, then kills it
     * (SIGKILL) and waits a bounded time more. Deletes the pid file if it still names this
     * process. True when it stopped within the grace period.
     */
    public boolean awaitStopped(Duration grace) {
        boolean graceful = awaitExit(grace);
        forgetPidFile();
        return graceful;
    }

    /**
     * Like {@link #awaitStopped} but leaves the pid file alone: for a stop whose successor the
     * supervisor starts and records in the same file.
     */
    public boolean awaitExit(Duration grace) {
        boolean graceful = waitForExit(grace);
        if (!graceful) {
            handle.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
        return graceful;
    }

    /**
     * Deletes the pid file only while it names this process: a supervisor may already have
     * written its successor's pid there (this JVM sees an exit late when the process is not its
     * child: the JDK polls for that, and an orphan stays a zombie until init reaps it), and
     * deleting that file would hide the running successor from restart, status and down.
     */
    private void forgetPidFile() {
        try {
            List<String> lines = Files.isRegularFile(pidFile)
                ? Files.readAllLines(pidFile, StandardCharsets.UTF_8) : List.of();
            if (!lines.isEmpty() && lines.get(0).trim().equals(Long.toString(handle.pid()))) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            System.err.println("warning: cannot delete " + pidFile + ": " + e.getMessage());
        }
    }

    /** SIGKILL (a crash: no shutdown hooks run), then waits a bounded time until it is gone. */
    public void kill() {
        handle.destroyForcibly();
        waitForExit(Duration.ofSeconds(15));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; true when it stopped gracefully. */
    public boolean stop(Duration grace) {
        requestStop();
        return awaitStopped(grace);
    }

    private boolean waitForExit(Duration timeout) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }
}
