package io.tollgate.systemtest;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one JVM shutdown hook of the system tests: whatever process a test started and did not stop
 * yet (a failed {@code @BeforeAll}, an aborted run, failsafe's fork timeout) is killed when this
 * JVM exits, so no broker or service outlives the build.
 */
final class ProcessReaper {

    private static final Set<ProcessHandle> LIVE = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "system-test-reaper"));
    }

    private ProcessReaper() {
    }

    static synchronized void register(ProcessHandle process) {
        LIVE.add(process);
    }

    static synchronized void forget(ProcessHandle process) {
        LIVE.remove(process);
    }

    /** Kills (SIGKILL) every registered process still alive, descendants first. */
    static synchronized void killAll() {
        for (ProcessHandle process : LIVE) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        LIVE.clear();
    }
}
