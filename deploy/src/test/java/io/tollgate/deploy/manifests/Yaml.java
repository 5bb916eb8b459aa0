package io.tollgate.deploy.manifests;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * YAML documents as plain maps and lists (SnakeYAML resolves anchors, aliases and merge keys the
 * way Compose does), with small typed accessors that fail with the path they could not follow.
 */
final class Yaml {

    private Yaml() {
    }

    static Map<String, Object> load(Path file) {
        List<Map<String, Object>> docs = loadAll(file);
        if (docs.size() != 1) {
            throw new AssertionError(file + " should hold one YAML document, holds " + docs.size());
        }
        return docs.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadAll(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(options);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : yaml.loadAll(reader)) {
                if (doc != null) {
                    docs.add((Map<String, Object>) doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** The map at a dotted path ({@code services.order-service.environment}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String path) {
        Object value = at(root, path);
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a map at " + path + ", found " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String path) {
        Object value = at(root, path);
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list at " + path + ", found " + value);
        }
        return (List<Object>) value;
    }

    static String text(Object root, String path) {
        return Objects.toString(at(root, path), null);
    }

    /** The value at {@code path}, or empty where the path leads nowhere. */
    static java.util.Optional<Object> find(Object root, String path) {
        try {
            return java.util.Optional.of(at(root, path));
        } catch (AssertionError | IndexOutOfBoundsException missing) {
            return java.util.Optional.empty();
        }
    }

    /** Follows map keys separated by '/' when a key itself contains dots, else by '.'. */
    @SuppressWarnings("unchecked")
    static Object at(Object root, String path) {
        String separator = path.contains("/") ? "/" : "\\.";
        Object current = root;
        for (String key : path.split(separator)) {
            if (current instanceof List && key.matches("\\d+")) {
                current = ((List<Object>) current).get(Integer.parseInt(key));
            } else if (current instanceof Map) {
                current = ((Map<String, Object>) current).get(key);
            } else {
                throw new AssertionError("cannot follow '" + key + "' of " + path);
            }
            if (current == null) {
                throw new AssertionError("nothing at " + path + " (missing '" + key + "')");
            }
        }
        return current;
    }
}
