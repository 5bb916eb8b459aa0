package io.tollgate.audit.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The policy versions an auditor holds, as published: one JSON document per file. Knows which
 * version was in force at an instant (docs/policy-rules.md §1) when the documents can tell: every
 * version has an effective instant and none shares the deciding one (the adoption order that breaks
 * such a tie is not in the documents).
 */
public final class PolicyLibrary {

    /** Bound on the documents read from one directory. */
    public static final int VERSIONS_MAX = 1_000;
    /** Bound on one document's size. */
    public static final long FILE_BYTES_MAX = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, PolicyVersion> versions;

    public PolicyLibrary(Collection<PolicyVersion> versions) {
        if (versions.isEmpty()) {
            throw new PolicyFileException("no policy versions");
        }
        Map<String, PolicyVersion> byName = new LinkedHashMap<>();
        for (PolicyVersion v : versions) {
            if (byName.putIfAbsent(v.version(), v) != null) {
                throw new PolicyFileException("version " + v.version() + " is given twice");
            }
        }
        this.versions = Map.copyOf(byName);
    }

    /**
     * Every {@code *.json} file of {@code dir}, each one version.
     *
     * @throws PolicyFileException when the directory holds none, too many, or one that is no version
     */
    public static PolicyLibrary load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyFileException(dir + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (files.isEmpty()) {
            throw new PolicyFileException(dir + " holds no policy version (*.json)");
        }
        if (files.size() > VERSIONS_MAX) {
            throw new PolicyFileException(dir + " holds " + files.size() + " files, more than "
                    + VERSIONS_MAX);
        }
        List<PolicyVersion> read = new ArrayList<>();
        for (Path file : files) {
            try {
                if (Files.size(file) > FILE_BYTES_MAX) {
                    throw new PolicyFileException(file + ": larger than " + FILE_BYTES_MAX + " bytes");
                }
                read.add(PolicyVersion.parse(JSON.readTree(file.toFile()), file.toString()));
            } catch (JsonProcessingException e) {
                throw new PolicyFileException(file + ": not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new PolicyLibrary(read);
    }

    public Optional<PolicyVersion> find(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** Every version, by name. */
    public java.util.SortedMap<String, PolicyVersion> versions() {
        return new java.util.TreeMap<>(versions);
    }

    public int size() {
        return versions.size();
    }

    /**
     * The version in force at {@code at}, or empty when the documents cannot tell: a version has no
     * effective instant (it took effect at its adoption, which the document does not say), or two
     * versions share the deciding instant.
     */
    public Optional<PolicyVersion> inForceAt(Instant at) {
        if (versions.values().stream().anyMatch(v -> v.effectiveFrom() == null)) {
            return Optional.empty();
        }
        PolicyVersion best = null;
        boolean tie = false;
        for (PolicyVersion v : versions.values()) {
            if (v.effectiveFrom().isAfter(at)) {
                continue;
            }
            int order = best == null ? 1 : v.effectiveFrom().compareTo(best.effectiveFrom());
            if (order > 0) {
                best = v;
                tie = false;
            } else if (order == 0) {
                tie = true;
            }
        }
        if (best == null) {
            // Before the first effective instant the earliest version governs.
            for (PolicyVersion v : versions.values()) {
                int order = best == null ? -1 : v.effectiveFrom().compareTo(best.effectiveFrom());
                if (order < 0) {
                    best = v;
                    tie = false;
                } else if (order == 0) {
                    tie = true;
                }
            }
        }
        return tie ? Optional.empty() : Optional.of(best);
    }
}
