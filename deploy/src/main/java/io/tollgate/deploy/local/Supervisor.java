package io.tollgate.deploy.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps the stack's services running: a service that exits on its own is started again after a
 * capped exponential backoff (1 s, 2 s, 4 s … at most {@link Backoff#max}), and each such restart
 * is counted in {@code run/<service>.restarts} for {@code ./tollgate status}. A restart asked for
 * with {@code ./tollgate restart} (a request file) is done at once and not counted as a crash.
 * Nothing is restarted while {@code ./tollgate down} runs (its marker file exists).
 */
public final class Supervisor {

    /** Backoff between crash restarts; a service that stayed up {@code stableAfter} starts over. */
    public record Backoff(Duration initial, Duration max, Duration stableAfter) {
        public static final Backoff DEFAULT =
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

        /** The wait before restart number {@code consecutive} (1-based) of an unstable service. */
        public Duration delayBefore(int consecutive) {
            int doublings = Math.min(Math.max(consecutive - 1, 0), 20);
            long ms = initial.toMillis() << doublings;
            return Duration.ofMillis(Math.min(ms, max.toMillis()));
        }
    }

    /** One supervised service: how to start it and where its request and count files are. */
    public record Unit(String name, Supplier<ManagedProcess> starter, Path runDir) {
        Path restartsFile() {
            return runDir.resolve(name + ".restarts");
        }

        Path restartRequestFile() {
            return runDir.resolve(name + ".restart-requested");
        }
    }

    private static final class Watch {
        final Unit unit;
        ManagedProcess process;
        long startedNs;
        int consecutive;
        long restartAtNs = -1;

        Watch(Unit unit, ManagedProcess process) {
            this.unit = unit;
            this.process = process;
            this.startedNs = System.nanoTime();
        }
    }

    static final Duration INTERVAL = Duration.ofMillis(500);

    private final List<Watch> watches = new ArrayList<>();
    private final Backoff backoff;
    private final Path downMarker;
    private final PrintStream out;

    public Supervisor(Backoff backoff, Path downMarker, PrintStream out) {
        this.backoff = backoff;
        this.downMarker = downMarker;
        this.out = out;
    }

    /** Supervises {@code process}, already running (or just gone), as {@code unit}. */
    public synchronized void watch(Unit unit, ManagedProcess process) {
        watches.add(new Watch(unit, process));
    }

    /** The processes supervised now (a restarted service's newest process). */
    public synchronized List<ManagedProcess> processes() {
        return watches.stream().map(w -> w.process).toList();
    }

    /** Runs passes every {@link #INTERVAL} while {@code keepGoing} holds. */
    public void run(BooleanSupplier keepGoing) {
        while (keepGoing.getAsBoolean()) {
            pass();
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One look at every service: restarts what is due. */
    public synchronized void pass() {
        if (Files.exists(downMarker)) {
            return;
        }
        long now = System.nanoTime();
        for (Watch w : watches) {
            if (w.process.isAlive()) {
                if (now - w.startedNs > backoff.stableAfter().toNanos()) {
                    w.consecutive = 0;
                }
                continue;
            }
            if (Files.exists(w.unit.restartRequestFile())) {
                delete(w.unit.restartRequestFile());
                out.println("[" + w.unit.name() + "] restarting as asked");
                start(w);
            } else if (w.restartAtNs < 0) {
                w.consecutive++;
                Duration delay = backoff.delayBefore(w.consecutive);
                w.restartAtNs = now + delay.toNanos();
                out.println("! " + w.unit.name() + " stopped (" + w.process.exitDescription()
                    + "); restarting in " + delay.toMillis() + " ms; see " + w.process.logFile());
            } else if (now >= w.restartAtNs) {
                writeRestarts(w.unit, restarts(w.unit) + 1);
                start(w);
            }
        }
    }

    private void start(Watch w) {
        w.restartAtNs = -1;
        try {
            w.process = w.unit.starter().get();
            w.startedNs = System.nanoTime();
            out.println("[" + w.unit.name() + "] started again (pid " + w.process.pid() + ", restarts "
                + restarts(w.unit) + ")");
        } catch (RuntimeException e) {
            // Counts as another crash: the next pass schedules a longer wait.
            out.println("! cannot start " + w.unit.name() + ": " + e.getMessage());
        }
    }

    /** How many times the supervisor restarted {@code unit} after a crash. */
    public static int restarts(Unit unit) {
        return readCount(unit.restartsFile());
    }

    static int readCount(Path file) {
        try {
            return Files.isRegularFile(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void writeRestarts(Unit unit, int count) {
        try {
            Files.writeString(unit.restartsFile(), count + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("warning: cannot write " + unit.restartsFile() + ": " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("warning: cannot delete " + file + ": " + e.getMessage());
        }
    }

    /** The process supervised as {@code name}, if any. */
    public synchronized Optional<ManagedProcess> process(String name) {
        return watches.stream().filter(w -> w.unit.name().equals(name)).map(w -> w.process).findFirst();
    }
}
