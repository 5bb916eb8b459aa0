package io.tollgate.eventing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every problem code a service can answer, read from each {@value #RESOURCE} on the class path
 * (eventing's shared codes plus the service's own). A code's {@code type} URI is the path of its
 * entry on the serving service ({@value #TYPE_PREFIX}{@code <code in kebab case>}), so it always
 * resolves; see {@link ProblemTypeResource}.
 */
public final class ProblemCatalogue {

    /** Where each module lists its codes. */
    public static final String RESOURCE = "META-INF/tollgate/problems.json";
    /** The path prefix of every problem type; a relative reference, resolved against the request. */
    public static final String TYPE_PREFIX = "/problems/";
    /** A catalogue with more entries than this is a mistake (codes are few and stable). */
    static final int ENTRIES_MAX = 500;

    /** One problem type: its code, the HTTP statuses it comes with, and what the client can do. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProblemType")
    public record Entry(String type, String code, List<Integer> statuses, String title, String description,
                        Integer retryAfterSeconds) {
    }

    private static volatile ProblemCatalogue loaded;

    private final Map<String, Entry> byCode;

    private ProblemCatalogue(Map<String, Entry> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** The catalogue of the running application (read once). */
    public static ProblemCatalogue instance() {
        ProblemCatalogue c = loaded;
        if (c == null) {
            c = load(Thread.currentThread().getContextClassLoader());
            loaded = c;
        }
        return c;
    }

    /** Reads every {@value #RESOURCE} {@code loader} sees; a code listed twice is a build error. */
    public static ProblemCatalogue load(ClassLoader loader) {
        Map<String, Entry> entries = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode node : json.readTree(in).path("problems")) {
                        Entry e = entry(node);
                        if (entries.put(e.code(), e) != null) {
                            throw new IllegalStateException("problem code " + e.code() + " listed twice ("
                                    + url + ")");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        if (entries.isEmpty() || entries.size() > ENTRIES_MAX) {
            throw new IllegalStateException(RESOURCE + " lists " + entries.size() + " codes; expected 1.."
                    + ENTRIES_MAX);
        }
        return new ProblemCatalogue(entries);
    }

    private static Entry entry(JsonNode node) {
        String code = node.path("code").asText();
        if (!code.matches("[A-Z][A-Z0-9_]{1,63}")) {
            throw new IllegalStateException("problem code must be UPPER_SNAKE_CASE: '" + code + "'");
        }
        List<Integer> statuses = new ArrayList<>();
        node.path("statuses").forEach(s -> statuses.add(s.asInt()));
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s < 400 || s > 599)) {
            throw new IllegalStateException("problem " + code + " needs 4xx/5xx statuses: " + statuses);
        }
        JsonNode retry = node.get("retryAfterSeconds");
        return new Entry(typeOf(code), code, List.copyOf(statuses), node.path("title").asText(),
                node.path("description").asText(), retry == null ? null : retry.asInt());
    }

    /** The type URI of {@code code}: {@code INVALID_FIELD} → {@code /problems/invalid-field}. */
    public static String typeOf(String code) {
        return TYPE_PREFIX + slugOf(code);
    }

    static String slugOf(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public List<Entry> entries() {
        return List.copyOf(byCode.values());
    }

    public Optional<Entry> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The entry whose type path ends in {@code slug}, e.g. {@code invalid-field}. */
    public Optional<Entry> bySlug(String slug) {
        if (slug == null || !slug.matches("[a-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        return byCode(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
