package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.deploy.local.Supervisor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: each service SIGKILLed {@code tollgate.faults.kills} times (default 5), in turn,
 * under load from 8 concurrent clients, and brought back by the launcher's {@link Supervisor} (the
 * one {@code ./tollgate up} runs: capped exponential backoff, each crash restart counted) on its
 * data folder. Nothing a client was told may be lost or doubled, and the supervisor must have
 * counted exactly the kills.
 */
class ServiceKillFaultIT extends FaultCase {

    private static final Logger LOG = Logger.getLogger(ServiceKillFaultIT.class.getName());
    /** Orders accepted after a restart before the next kill: the stack is really flowing again. */
    private static final int ORDERS_BETWEEN_KILLS = 16;
    /** The launcher's backoff reaches its 30 s cap after a few quick crashes; then start-up. */
    private static final Duration RESTART_WAIT = Duration.ofSeconds(60);

    @Override
    protected String stackName() {
        return "fault-kill";
    }

    @Test
    void everyServiceKilledRepeatedlyUnderLoadLosesAndDuplicatesNothing() throws Exception {
        int kills = Integer.getInteger("tollgate.faults.kills", 5);
        Path runDir = Files.createDirectories(stack.home().resolve("run"));
        Path downMarker = runDir.resolve("down");
        PrintStream supervisorLog =
            new PrintStream(Files.newOutputStream(runDir.resolve("supervisor.log")), true);
        Supervisor supervisor = new Supervisor(Supervisor.Backoff.DEFAULT, downMarker, supervisorLog);
        Map<ServiceProcess, Supervisor.Unit> units = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            Supervisor.Unit unit = new Supervisor.Unit(service.name(), service::startProcess, runDir);
            units.put(service, unit);
            supervisor.watch(unit, service.process());
        }
        AtomicBoolean supervising = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> supervisor.run(supervising::get), "fault-supervisor");
        watcher.setDaemon(true);
        watcher.start();
        try {
            startLoad("kill");
            int done = 0;
            for (int round = 1; round <= kills; round++) {
                for (ServiceProcess service : stack.services()) {
                    awaitMoreOrders(ORDERS_BETWEEN_KILLS);
                    long pid = service.pid();
                    service.kill();
                    done++;
                    int n = done;
                    LOG.info(() -> "kill " + n + ": " + service.name() + " (pid " + pid
                        + ") SIGKILLed at " + load.acceptedCount() + " accepted orders");
                    awaitRestartBySupervisor(service, pid);
                }
            }
            awaitMoreOrders(ORDERS_BETWEEN_KILLS);
            load.stop();
            List<String> counted = new ArrayList<>();
            units.forEach((service, unit) -> counted.add(service.name() + "="
                + Supervisor.restarts(unit)));
            LOG.info(() -> "supervisor restarts: " + counted);
            units.forEach((service, unit) -> assertThat(Supervisor.restarts(unit))
                .as("crash restarts the supervisor counted for %s", service.name())
                .isEqualTo(kills));
            FaultVerdict.judge("sigkill x" + kills + " per service", stack, load, done, Set.of());
        } finally {
            Files.writeString(downMarker, "test over\n");
            supervising.set(false);
            watcher.join(Duration.ofSeconds(10).toMillis());
            supervisorLog.close();
        }
    }

    /** Waits until the supervisor has started a new process for {@code service} and it is ready. */
    private static void awaitRestartBySupervisor(ServiceProcess service, long killedPid) {
        await(service.name() + " restarted by the supervisor")
            .atMost(RESTART_WAIT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> service.isAlive() && service.pid() != killedPid);
        service.awaitReady(ServiceProcess.READY_TIMEOUT);
        LOG.info(() -> service.name() + " restarted by the supervisor (pid " + service.pid() + ")");
    }
}
