package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against real child processes ({@code sleep}), killed as a crash would. */
class SupervisorTest {

    private static final Supervisor.Backoff FAST =
        new Supervisor.Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(60));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final AtomicInteger starts = new AtomicInteger();
    private Supervisor supervisor;

    @AfterEach
    void stopChildren() {
        if (supervisor != null) {
            supervisor.processes().forEach(p -> p.stop(Duration.ofSeconds(5)));
        }
    }

    private Supervisor.Unit unit() {
        return new Supervisor.Unit("sleeper", () -> {
            starts.incrementAndGet();
            return ManagedProcess.start("sleeper", List.of("sleep", "120"), Map.of(), dir,
                dir.resolve("sleeper.log"), dir.resolve("sleeper.pid"));
        }, dir);
    }

    private Supervisor supervise(Supervisor.Unit unit) {
        supervisor = new Supervisor(FAST, dir.resolve("down.requested"),
            new PrintStream(log, true, StandardCharsets.UTF_8));
        supervisor.watch(unit, unit.starter().get());
        return supervisor;
    }

    @Test
    void aKilledProcessIsStartedAgainAndTheRestartIsCounted() {
        // given
        Supervisor.Unit unit = unit();
        Supervisor s = supervise(unit);
        ManagedProcess first = s.process("sleeper").orElseThrow();

        // when
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            s.pass();
            ManagedProcess now = s.process("sleeper").orElseThrow();
            return now.pid() != first.pid() && now.isAlive();
        });
        assertThat(Supervisor.restarts(unit)).isEqualTo(1);
        assertThat(starts).hasValue(2);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("sleeper stopped", "restarts 1");
    }

    @Test
    void anAskedForRestartHappensAtOnceAndIsNotACrash() throws Exception {
        // given
        Supervisor.Unit unit = unit();
        Supervisor s = supervise(unit);
        ManagedProcess first = s.process("sleeper").orElseThrow();
        Files.writeString(unit.restartRequestFile(), "");

        // when
        first.stop(Duration.ofSeconds(5));
        s.pass();

        // then: restarted in that very pass, no backoff, not counted
        assertThat(s.process("sleeper").orElseThrow().pid()).isNotEqualTo(first.pid());
        assertThat(Supervisor.restarts(unit)).isZero();
        assertThat(unit.restartRequestFile()).doesNotExist();
    }

    @Test
    void aStopThatSeesTheExitLateLeavesTheSuccessorsPidFileAlone() throws Exception {
        // given: the supervisor restarted the service before the stopping side saw it exit
        Supervisor.Unit unit = unit();
        Supervisor s = supervise(unit);
        ManagedProcess first = s.process("sleeper").orElseThrow();
        Path pidFile = dir.resolve("sleeper.pid");
        ManagedProcess seenByRestart = ManagedProcess.fromPidFile("sleeper", pidFile,
            dir.resolve("sleeper.log")).orElseThrow();
        Files.writeString(unit.restartRequestFile(), "");
        first.stop(Duration.ofSeconds(5));
        s.pass();
        long successor = s.process("sleeper").orElseThrow().pid();

        // when
        seenByRestart.stop(Duration.ofSeconds(5));

        // then
        assertThat(ManagedProcess.fromPidFile("sleeper", pidFile, dir.resolve("sleeper.log")))
            .map(ManagedProcess::pid).contains(successor);
    }

    @Test
    void nothingIsRestartedWhileDownRuns() throws Exception {
        // given
        Supervisor.Unit unit = unit();
        Supervisor s = supervise(unit);
        ManagedProcess first = s.process("sleeper").orElseThrow();
        Files.writeString(dir.resolve("down.requested"), "");

        // when
        first.stop(Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            s.pass();
        }

        // then
        assertThat(s.process("sleeper").orElseThrow().pid()).isEqualTo(first.pid());
        assertThat(starts).hasValue(1);
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Supervisor.Backoff backoff = Supervisor.Backoff.DEFAULT;

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 100).stream().map(backoff::delayBefore).toList())
            .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void aProcessThatKeepsCrashingWaitsLongerEachTime() {
        // given: a command that exits at once
        Supervisor.Unit unit = new Supervisor.Unit("crasher", () -> {
            starts.incrementAndGet();
            return ManagedProcess.start("crasher", List.of("false"), Map.of(), dir,
                dir.resolve("crasher.log"), dir.resolve("crasher.pid"));
        }, dir);
        Supervisor s = supervise(unit);

        // when
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            s.pass();
            return Supervisor.restarts(unit) >= 3;
        });

        // then: waits of 100, 200, 400 ms were announced, in that order
        String out = log.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("restarting in 100 ms", "restarting in 200 ms", "restarting in 400 ms");
        assertThat(out.indexOf("in 100 ms")).isLessThan(out.indexOf("in 200 ms"));
    }
}
