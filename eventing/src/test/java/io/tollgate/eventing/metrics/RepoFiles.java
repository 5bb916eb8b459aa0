package io.tollgate.eventing.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository read by path from its root, wherever Maven runs the test from. */
final class RepoFiles {

    /** How many parent folders are searched for the root (a module sits one level below it). */
    private static final int MAX_DEPTH = 4;

    private RepoFiles() {
    }

    /** The repository root: the nearest folder up from the working directory with mvnw and deploy/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i <= MAX_DEPTH && dir != null; i++) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (mvnw + deploy/) above "
                + Path.of("").toAbsolutePath());
    }

    /** The file at {@code relative} from the root. */
    static Path path(String relative) {
        return root().resolve(relative);
    }

    /** The text of the file at {@code relative} from the root. */
    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    /** Writes {@code text} under this module's target/ folder (kept for a person to look at). */
    static Path writeTarget(String name, String text) {
        try {
            Path file = Path.of("target", "operations", name).toAbsolutePath();
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write target/operations/" + name, e);
        }
    }
}
