package io.tollgate.deploy.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack keeps everything: one data folder (default {@code .tollgate/} at the repo
 * root) with the broker's storage, one folder per service (its H2 files), logs and pid files.
 */
public record StackPaths(Path repoRoot, Path dataDir) {

    public StackPaths {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The repo root: {@code -Dtollgate.home} (set by ./tollgate), else found from the cwd. */
    public static Path findRepoRoot() {
        String home = System.getProperty("tollgate.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("tollgate")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new LaunchException("cannot find the Tollgate repo root from " + Path.of("").toAbsolutePath()
            + " (run ./tollgate from the repo, or pass -Dtollgate.home=<repo>)");
    }

    public Path kafkaHome() {
        return dataDir.resolve("kafka");
    }

    public Path serviceDataDir(ServiceSpec service) {
        return dataDir.resolve(service.name());
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path serviceLog(ServiceSpec service) {
        return logsDir().resolve(service.name() + ".log");
    }

    public Path servicePidFile(ServiceSpec service) {
        return runDir().resolve(service.name() + ".pid");
    }

    /** Optional credentials the demo client sends once authentication exists. */
    public Path credentialsFile() {
        return dataDir.resolve("credentials");
    }

    /**
     * The folder with Kafka's jars: {@code lib/} next to the launcher's jar or classes folder
     * (deploy/target/lib, filled by maven-dependency-plugin).
     */
    public static Path libDir() {
        try {
            Path code = Path.of(StackPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = code.getParent().resolve("lib");
            if (!Files.isDirectory(lib)) {
                throw new LaunchException("Kafka's jars are missing: " + lib + " does not exist "
                    + "(build with: ./mvnw -B -q install -DskipTests)");
            }
            return lib;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected code source location", e);
        }
    }
}
