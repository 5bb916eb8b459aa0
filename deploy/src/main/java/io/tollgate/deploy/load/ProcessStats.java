package io.tollgate.deploy.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CPU time and memory of one process as Linux's {@code /proc/<pid>} shows them. CPU is measured
 * between two readings; RSS is the current and the peak resident set ({@code VmRSS}, {@code VmHWM}).
 */
public final class ProcessStats {

    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux ABI in use. */
    static final int CLOCK_TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    /** One reading: CPU ticks used so far (user + system) and when it was taken. */
    public record Reading(long pid, long cpuTicks, long atNanos) {
    }

    /** A process's figures over the load: CPU in percent of one core, RSS in MiB. */
    public record Usage(String name, long pid, double cpuPercent, long rssMb, long rssPeakMb) {
    }

    private ProcessStats() {
    }

    /** A reading of {@code pid}, or empty when the process is gone or /proc is not there. */
    public static Optional<Reading> read(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
            return Optional.of(new Reading(pid, cpuTicks(stat), System.nanoTime()));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /**
     * utime + stime: fields 14 and 15 of /proc/<pid>/stat. The command name (field 2) is in
     * parentheses and may hold spaces, so fields are counted after its closing parenthesis.
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field N is fields[N - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** CPU percent of one core between two readings of the same process. */
    static double cpuPercent(Reading before, Reading after) {
        long wallNanos = after.atNanos() - before.atNanos();
        if (wallNanos <= 0) {
            return 0;
        }
        double cpuSeconds = (after.cpuTicks() - before.cpuTicks()) / (double) CLOCK_TICKS_PER_SECOND;
        return Math.round(cpuSeconds / (wallNanos / 1e9) * 1000) / 10.0;
    }

    /** The usage of a process between {@code before} and now; empty if it has gone. */
    public static Optional<Usage> usageSince(String name, Reading before) {
        Optional<Reading> now = read(before.pid());
        if (now.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<String> status = Files.readAllLines(PROC.resolve(before.pid() + "/status"),
                StandardCharsets.US_ASCII);
            return Optional.of(new Usage(name, before.pid(), cpuPercent(before, now.get()),
                kilobytes(status, "VmRSS:") / 1024, kilobytes(status, "VmHWM:") / 1024));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    static long kilobytes(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
