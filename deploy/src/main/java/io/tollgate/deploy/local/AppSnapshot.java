package io.tollgate.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A private copy of a service's {@code target/quarkus-app} in the data folder, from which the
 * service runs. A rebuild ({@code mvn clean}, {@code package}) while the stack runs would otherwise
 * delete jars under a live JVM, which then fails at its next class load; the copy is refreshed on
 * every {@code up} and only changed files are copied (size and modification time).
 */
final class AppSnapshot {

    /** Fast-jar's layout is a few hundred files; anything far beyond that is not a quarkus-app. */
    private static final int FILES_MAX = 10_000;

    private AppSnapshot() {
    }

    /** Makes {@code target} an exact copy of {@code source}; returns how many files it copied. */
    static int sync(Path source, Path target) {
        try {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).limit(FILES_MAX + 1L).toList();
            }
            if (files.size() > FILES_MAX) {
                throw new LaunchException(source + " holds more than " + FILES_MAX + " files: not a quarkus-app");
            }
            Set<Path> wanted = new HashSet<>();
            int copied = 0;
            for (Path file : files) {
                Path relative = source.relativize(file);
                Path copy = target.resolve(relative);
                wanted.add(relative);
                if (!same(file, copy)) {
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    copied++;
                }
            }
            removeOthers(target, wanted);
            return copied;
        } catch (IOException | UncheckedIOException e) {
            throw new LaunchException("cannot copy " + source + " to " + target + ": " + e.getMessage()
                + " (is a build running? try again when it has finished)", e);
        }
    }

    private static boolean same(Path file, Path copy) throws IOException {
        return Files.isRegularFile(copy) && Files.size(file) == Files.size(copy)
            && Files.getLastModifiedTime(file).toMillis() == Files.getLastModifiedTime(copy).toMillis();
    }

    private static void removeOthers(Path target, Set<Path> wanted) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        List<Path> stale;
        try (Stream<Path> walk = Files.walk(target)) {
            stale = walk.sorted(Comparator.reverseOrder())
                .filter(p -> !p.equals(target) && !wanted.contains(target.relativize(p)))
                .toList();
        }
        for (Path path : stale) {
            if (Files.isRegularFile(path) || isEmptyDirectory(path)) {
                Files.delete(path);
            }
        }
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }
}
