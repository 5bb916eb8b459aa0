package io.tollgate.systemtest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the system tests find what they run: the repo (the services' packaged jars), the broker's
 * jars, and the folder under which each stack keeps its data and logs. Set by failsafe (pom.xml).
 */
final class BuildOutputs {

    private BuildOutputs() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("tollgate.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** kafka_2.13 and its runtime dependencies, copied by maven-dependency-plugin. */
    static Path kafkaLib() {
        Path lib = Path.of(System.getProperty("tollgate.systemtest.kafka-lib", "target/kafka-lib"));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("the broker's jars are missing: " + lib
                + " (run through maven: ./mvnw -B -pl system-tests verify)");
        }
        return lib.toAbsolutePath();
    }

    static Path workDir() {
        return Path.of(System.getProperty("tollgate.systemtest.work-dir", "target/stacks")).toAbsolutePath();
    }

    /**
     * The runnable jar Quarkus packages for a service module: {@code <module>/target/quarkus-app/}, or
     * {@code <dir>/<module>/} when {@code -Dtollgate.systemtest.apps-dir=<dir>} points at copies of
     * the {@code quarkus-app} folders (e.g. to test fixed builds while the modules are being rebuilt).
     */
    static Path serviceJar(String module) {
        String apps = System.getProperty("tollgate.systemtest.apps-dir", "");
        Path jar = apps.isBlank() ? repoRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar")
            : Path.of(apps).resolve(module).resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not packaged: " + jar + " is missing (build it"
                + " first: ./mvnw -B -q install -DskipTests -pl " + module + ")");
        }
        return jar;
    }
}
