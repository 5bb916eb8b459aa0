package io.tollgate.eventing.metrics;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an operations tool found on the PATH (promtool, kubectl) the way an operator would. In CI
 * ({@code CI=true}) a missing tool fails the test, so a green build always means the tool ran;
 * elsewhere the test is skipped with a message naming the Debian package to install.
 */
final class OpsTool {

    /** Longest any one tool run may take: these checks finish in well under a second. */
    private static final long TIMEOUT_SECONDS = 60;

    private OpsTool() {
    }

    /** What one run printed (stdout and stderr merged, in order) and how it exited. */
    record Result(int exitCode, String output) {
    }

    /** Runs promtool with {@code args}; skips or fails (see the class) when it is not installed. */
    static Result promtool(String... args) {
        return runTool("promtool", "prometheus", args);
    }

    /** Runs {@code tool} with {@code args}, feeding it no input, bounded by the timeout. */
    static Result runTool(String tool, String debianPackage, String... args) {
        Path binary = require(tool, debianPackage);
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return exec(command, null);
    }

    /** Runs promtool with {@code args} and {@code stdin} as its standard input. */
    static Result promtoolWithInput(String stdin, String... args) {
        Path binary = require("promtool", "prometheus");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return exec(command, stdin);
    }

    private static Result exec(List<String> command, String stdin) {
        try {
            Path out = Files.createTempFile("tollgate-tool", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static Path require(String tool, String debianPackage) {
        return require(tool, debianPackage, System.getenv("CI"));
    }

    /** The tool's path; when it is missing, fails if {@code ci} is "true", else skips the test. */
    static Path require(String tool, String debianPackage, String ci) {
        Optional<Path> found = onPath(tool);
        if (found.isPresent()) {
            return found.get();
        }
        String message = tool + " is not on the PATH (Debian: apt-get install -y " + debianPackage + ")";
        if ("true".equals(ci)) {
            fail(message + "; CI must install it");
        }
        Assumptions.abort(message + "; skipped outside CI");
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
