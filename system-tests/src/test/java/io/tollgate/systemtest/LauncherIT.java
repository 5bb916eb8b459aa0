package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.deploy.local.LocalStack;
import io.tollgate.deploy.local.ServiceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local stack as a user runs it: {@code ./tollgate up --detach} on free ports and its own
 * data folder, then the README's "Try it" block pasted whole, {@code ./tollgate load}, and a
 * service SIGKILLed under the supervisor. Every command runs through the real {@code tollgate}
 * script, bounded in time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    private static final Logger LOG = Logger.getLogger(LauncherIT.class.getName());
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(6);

    private Path dataDir;
    private final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    void up() {
        dataDir = BuildOutputs.workDir().resolve("launcher-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS")));
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ports.add(TollgateStack.freePort(taken));
        }
        Result up = tollgate(UP_TIMEOUT, "up", "--detach", "--data-dir", dataDir.toString(),
            "--kafka-port", ports.get(0).toString(), "--controller-port", ports.get(1).toString(),
            "--ports", ports.get(2) + "," + ports.get(3) + "," + ports.get(4));
        registerForReaping();
        assertThat(up.exitCode()).as(up.output()).isZero();
        // The console's address, on the ledger's port (ConsoleIT drives the page itself).
        assertThat(up.output()).contains("http://127.0.0.1:" + ports.get(4) + LocalStack.CONSOLE_PATH);
    }

    @AfterAll
    void down() {
        if (dataDir != null) {
            Result down = tollgate(COMMAND_TIMEOUT, "down", "--data-dir", dataDir.toString());
            LOG.info(() -> "down: " + down.output());
        }
    }

    @Test
    @Order(1)
    void theReadmeTryItBlockPastedWholeEndsWithTheOrderAuthorizedAndThePaymentPosted() throws Exception {
        // given: the block exactly as README.md shows it, pointed at this stack's ports
        String block = readmeTryItBlock()
            .replace("localhost:8081", "localhost:" + ports.get(2))
            .replace("localhost:8082", "localhost:" + ports.get(3))
            .replace("localhost:8083", "localhost:" + ports.get(4));
        Path shell = Files.createDirectories(dataDir.resolve("newcomer"));
        Files.deleteIfExists(shell.resolve(".tollgate"));
        Files.createSymbolicLink(shell.resolve(".tollgate"), dataDir);

        // when
        Result pasted = run(shell, COMMAND_TIMEOUT, List.of("bash", "-c", block));

        // then
        assertThat(pasted.exitCode()).as(pasted.output()).isZero();
        assertThat(pasted.output()).contains("\"status\":\"AUTHORIZED\"", "ledger: payment posted",
            "\"revenueSharePaid\"");
        assertThat(pasted.output()).doesNotContain("ORDER_NOT_AUTHORIZED");
    }

    @Test
    @Order(2)
    void loadReportsFiguresThatTheLedgerAgreesWith() throws Exception {
        // when
        JsonNode report = load("--seconds", "5", "--connections", "4", "--payments", "--sample-every", "2",
            "--kafka-records", "20000");

        // then
        assertConsistent(report);
        assertThat(report.path("payments").path("accepted").asLong()).isPositive();
        assertThat(report.path("payments").path("ledgerPaidDelta").asText())
            .isEqualTo(report.path("payments").path("amountAccepted").asText());
        assertThat(report.path("processes")).hasSize(4);
        report.path("processes").forEach(p -> assertThat(p.path("rssMb").asLong()).isPositive());
        assertThat(report.path("kafka").path("producerPerSecond").asDouble()).isPositive();
        assertThat(report.path("kafka").path("consumerPerSecond").asDouble()).isPositive();
        assertThat(report.path("ratios").path("acceptedToKafkaProducer").asDouble()).isPositive();
    }

    @Test
    @Order(3)
    void aKilledServiceIsRestartedBySupervisorAndTheStackStaysConsistent() throws Exception {
        // given
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("run/order-service.pid")).get(0).trim());

        // when
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        // then
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String status = tollgate(COMMAND_TIMEOUT, "status", "--data-dir", dataDir.toString()).output();
            return status.matches("(?s).*order-service\\s+ready\\s+pid\\s+\\d+.*restarts 1.*")
                && !status.contains("pid " + pid + " ");
        });
        assertConsistent(load("--orders", "40", "--connections", "4", "--kafka-records", "0"));
    }

    @Test
    @Order(4)
    void restartReplacesOneServiceThroughTheSupervisorWithoutCountingACrash() throws Exception {
        // given
        long before = pidOf("regulator-service");

        // when
        Result restart = tollgate(COMMAND_TIMEOUT, "restart", "regulator-service", "--data-dir", dataDir.toString());

        // then
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(pidOf("regulator-service")).isNotEqualTo(before);
        String status = tollgate(COMMAND_TIMEOUT, "status", "--data-dir", dataDir.toString()).output();
        assertThat(status).containsPattern("regulator-service\\s+ready\\s+pid\\s+\\d+\\s+\\S+\\s+restarts 0");
    }

    @Test
    @Order(5)
    void upOnAPartlyRunningStackStartsOnlyWhatIsMissing() throws Exception {
        // given: no supervisor, and ledger-service gone
        long order = pidOf("order-service");
        ProcessHandle supervisor = ProcessHandle.of(pidOf("supervisor")).orElseThrow();
        supervisor.destroy();
        await().atMost(Duration.ofSeconds(30)).until(() -> !supervisor.isAlive());
        ProcessHandle ledger = ProcessHandle.of(pidOf("ledger-service")).orElseThrow();
        ledger.destroyForcibly();
        // SIGKILL is delivered asynchronously: up must see the service gone, not dying.
        await().atMost(Duration.ofSeconds(30)).until(() -> !ledger.isAlive());

        // when: the same command as at first (other ports would be ignored: the stack keeps its own)
        Result up = tollgate(UP_TIMEOUT, "up", "--detach", "--data-dir", dataDir.toString());
        registerForReaping();

        // then
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("Partly running", "[order-service] already running",
            "[ledger-service] starting", "[supervisor] watching");
        assertThat(up.output()).doesNotContain("[kafka] starting");
        assertThat(pidOf("order-service")).isEqualTo(order);
        String status = tollgate(COMMAND_TIMEOUT, "status", "--data-dir", dataDir.toString()).output();
        assertThat(status).contains("ledger-service     ready", "supervisor         running");
    }

    private long pidOf(String name) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("run/" + name + ".pid")).get(0).trim());
    }

    private JsonNode load(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("load", "--data-dir", dataDir.toString(),
            "--drain-seconds", "240"));
        all.addAll(List.of(args));
        Result load = tollgate(COMMAND_TIMEOUT, all.toArray(String[]::new));
        assertThat(load.exitCode()).as(load.output()).isZero();
        String[] lines = load.output().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    /** What any drained run must satisfy: every order accepted was decided at the ledger. */
    private static void assertConsistent(JsonNode r) {
        JsonNode o = r.path("orders");
        long accepted = o.path("accepted").asLong();
        assertThat(r.path("drained").asBoolean()).as(r.toString()).isTrue();
        assertThat(accepted).isPositive();
        assertThat(o.path("sent").asLong()).isEqualTo(accepted + o.path("refused").asLong() + o.path("errors").asLong());
        assertThat(o.path("ledgerRequested").asLong()).isEqualTo(accepted);
        assertThat(o.path("ledgerDecided").asLong()).isEqualTo(accepted);
        assertThat(o.path("ledgerDenied").asLong()).isEqualTo(o.path("acceptedToBeDenied").asLong());
        assertThat(o.path("ledgerAuthorized").asLong()).isEqualTo(accepted - o.path("acceptedToBeDenied").asLong());
        assertThat(r.path("post").path("count").asLong()).isEqualTo(accepted);
        for (String stage : List.of("post", "postToAuthorized", "postToPosted")) {
            JsonNode s = r.path(stage);
            assertThat(s.path("p50Ms").asDouble()).isLessThanOrEqualTo(s.path("p90Ms").asDouble());
            assertThat(s.path("p90Ms").asDouble()).isLessThanOrEqualTo(s.path("p99Ms").asDouble());
            assertThat(s.path("p99Ms").asDouble()).isLessThanOrEqualTo(s.path("maxMs").asDouble());
        }
        assertThat(r.path("postToPosted").path("p50Ms").asDouble())
            .isGreaterThanOrEqualTo(r.path("postToAuthorized").path("p50Ms").asDouble());
        assertThat(r.path("lagAtEnd").path("ordersNotYetAtLedger").asLong()).isZero();
        double seconds = r.path("loadSeconds").asDouble();
        assertThat(r.path("acceptedPerSecond").asDouble()).isCloseTo(accepted / seconds,
            org.assertj.core.data.Offset.offset(accepted / seconds * 0.05 + 0.1));
        assertThat(r.path("endToEndPerSecond").asDouble()).isLessThanOrEqualTo(r.path("acceptedPerSecond").asDouble());
    }

    /** The first bash block after the README's "## Try it" heading. */
    static String readmeTryItBlock() throws IOException {
        String readme = Files.readString(BuildOutputs.repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n## Try it");
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        int end = readme.indexOf("\n```", start);
        assertThat(section).as("README.md has a Try it section").isPositive();
        return readme.substring(start, end + 1);
    }

    private void registerForReaping() {
        // The supervisor first, so it cannot restart what the reaper kills after it.
        List<String> names = new ArrayList<>(List.of("supervisor", "kafka"));
        ServiceSpec.ALL.forEach(service -> names.add(service.name()));
        for (String name : names) {
            Path pidFile = dataDir.resolve("run/" + name + ".pid");
            try {
                if (Files.isRegularFile(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                        .ifPresent(ProcessReaper::register);
                }
            } catch (IOException e) {
                LOG.warning(() -> "cannot read " + pidFile + ": " + e.getMessage());
            }
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result tollgate(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(BuildOutputs.repoRoot().resolve("tollgate").toString()));
        command.addAll(List.of(args));
        return run(BuildOutputs.repoRoot(), timeout, command);
    }

    private static Result run(Path dir, Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("tollgate-it", ".out");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within " + timeout + ":\n" + Files.readString(out));
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            LOG.info(() -> String.join(" ", command.subList(0, Math.min(3, command.size()))) + " -> "
                + process.exitValue());
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
