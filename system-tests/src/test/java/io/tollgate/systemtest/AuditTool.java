package io.tollgate.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The auditor's tool as a user runs it: the packaged {@code audit/target/tollgate-audit.jar} with
 * its {@code lib/} in a JVM of its own, signed in through the environment, stdout and stderr kept.
 */
final class AuditTool {

    /** One replay of a small history plus the JVM's start: far below this on any machine. */
    private static final Duration RUN_MAX = Duration.ofMinutes(3);

    private final Map<String, String> environment;
    private final Path workDir;

    /** What one run printed and how it ended. */
    record Run(List<String> args, int exitCode, String out, String err) {

        JsonNode json() {
            try {
                return Http.JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError(this + " printed no JSON", e);
            }
        }
    }

    AuditTool(Map<String, String> environment, Path workDir) {
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
    }

    Run run(String... args) {
        Path root = BuildOutputs.repoRoot().resolve("audit/target");
        Path jar = root.resolve("tollgate-audit.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(root.resolve("lib"))) {
            throw new IllegalStateException("the audit tool is not packaged: " + jar
                + " (build it first: ./mvnw -B -q install -DskipTests -pl audit -am)");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = jar + File.pathSeparator + root.resolve("lib") + "/*";
        List<String> command =
            new ArrayList<>(List.of(javaBin, "-cp", classpath, "io.tollgate.audit.AuditCli"));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDir);
            Path out = Files.createTempFile(workDir, "audit-", ".out");
            Path err = Files.createTempFile(workDir, "audit-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            ProcessReaper.register(process.toHandle());
            try {
                if (!process.waitFor(RUN_MAX.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("tollgate audit " + List.of(args)
                        + " did not end within " + RUN_MAX);
                }
            } finally {
                ProcessReaper.forget(process.toHandle());
            }
            return new Run(List.of(args), process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the audit tool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit tool ran", e);
        }
    }
}
