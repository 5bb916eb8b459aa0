package io.tollgate.eventing.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.eventing.rest.ProblemCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the problem codes a module's main sources can answer, so a test can hold them to the error
 * catalogue ({@link ProblemCatalogue}) and to docs/errors.md. A code is found where a problem is built
 * with a literal or a constant ({@code new ProblemException(409, "X", …)}, {@code respond(400, "X", …)},
 * {@code case 404 -> "X"}) and in the named rejections of the domain ({@code super("X", …)} in a class
 * extending a {@code …Rejection}). A site whose code is computed is reported as indirect: its test
 * names it and the enum the code comes from.
 */
public final class ProblemCodeScan {

    private static final Pattern LITERAL = Pattern.compile(
            "(?:new ProblemException|respond)\\(\\s*\\d{3}\\s*,\\s*\"([A-Z][A-Z0-9_]+)\"");
    private static final Pattern CASE = Pattern.compile("(?:case \\d{3}|default) -> \"([A-Z][A-Z0-9_]+)\"");
    private static final Pattern REJECTION = Pattern.compile("super\\(\\s*\"([A-Z][A-Z0-9_]+)\"");
    private static final Pattern CONSTANT_USE = Pattern.compile(
            "(?:new ProblemException|respond)\\(\\s*\\w+\\s*,\\s*(?:([A-Z]\\w*)\\.)?([A-Z][A-Z0-9_]*)\\s*,");
    private static final Pattern INDIRECT = Pattern.compile(
            "new ProblemException\\(\\s*\\w+\\s*,\\s*([a-z][\\w.()]*)\\s*,");
    private static final Pattern CONSTANT = Pattern.compile(
            "static final String ([A-Z][A-Z0-9_]*) = \"([A-Z][A-Z0-9_]+)\"");

    private final Set<String> codes = new TreeSet<>();
    private final Set<String> indirect = new TreeSet<>();
    private final Map<String, String> files = new HashMap<>();

    private ProblemCodeScan() {
    }

    /** Scans {@code src/main/java} under the current (module) directory. */
    public static ProblemCodeScan ofThisModule() {
        return of(Path.of("src", "main", "java"));
    }

    public static ProblemCodeScan of(Path sources) {
        ProblemCodeScan scan = new ProblemCodeScan();
        Map<String, String> files = scan.files;
        try (Stream<Path> all = Files.walk(sources)) {
            for (Path p : all.filter(f -> f.toString().endsWith(".java")).toList()) {
                files.put(p.getFileName().toString().replace(".java", ""), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.forEach((name, text) -> scan.read(name, text, files));
        return scan;
    }

    private void read(String file, String text, Map<String, String> files) {
        add(LITERAL.matcher(text));
        add(CASE.matcher(text));
        if (text.matches("(?s).*extends \\w*Rejection\\b.*")) {
            add(REJECTION.matcher(text));
        }
        Matcher use = CONSTANT_USE.matcher(text);
        while (use.find()) {
            String owner = use.group(1) == null ? file : use.group(1);
            String value = constant(files.getOrDefault(owner, ""), use.group(2));
            if (value == null) {
                indirect.add(file + ": " + (use.group(1) == null ? "" : use.group(1) + ".") + use.group(2));
            } else {
                codes.add(value);
            }
        }
        Matcher computed = INDIRECT.matcher(text);
        while (computed.find()) {
            indirect.add(file + ": " + computed.group(1));
        }
    }

    private static String constant(String text, String name) {
        Matcher m = CONSTANT.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    private void add(Matcher m) {
        while (m.find()) {
            codes.add(m.group(1));
        }
    }

    /**
     * Adds the codes a module-specific call site passes (group 1 of {@code regex}), e.g. an
     * aggregate's {@code requireStatus(…, "CODE", …)}.
     */
    public ProblemCodeScan including(String regex) {
        Pattern extra = Pattern.compile(regex);
        files.values().forEach(text -> add(extra.matcher(text)));
        return this;
    }

    /** The codes found. */
    public Set<String> codes() {
        return codes;
    }

    /** Sites whose code is computed ("File: expression"). */
    public Set<String> indirectSites() {
        return indirect;
    }

    /**
     * Every way {@code answered} can fail the catalogue: a code missing from the catalogue the
     * running code loads, from docs/errors.md, or a code of this module's own catalogue that no code
     * answers (a stale entry).
     */
    public static List<String> catalogueGaps(Set<String> answered) {
        List<String> gaps = new ArrayList<>();
        ProblemCatalogue catalogue = ProblemCatalogue.load(Thread.currentThread().getContextClassLoader());
        String doc;
        try {
            doc = Files.readString(OpenApiContract.repositoryRoot().resolve("docs/errors.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String code : answered) {
            if (catalogue.byCode(code).isEmpty()) {
                gaps.add(code + " is not in any " + ProblemCatalogue.RESOURCE);
            }
            if (!doc.contains("`" + code + "`")) {
                gaps.add(code + " is not in docs/errors.md");
            }
        }
        for (String own : ownCatalogue()) {
            if (!answered.contains(own)) {
                gaps.add(own + " is in this module's " + ProblemCatalogue.RESOURCE + " but nothing answers it");
            }
        }
        return gaps;
    }

    /** The codes in this module's own catalogue file (src/main/resources). */
    static Set<String> ownCatalogue() {
        Path own = Path.of("src", "main", "resources").resolve(ProblemCatalogue.RESOURCE);
        Set<String> codes = new TreeSet<>();
        try {
            for (JsonNode e : new ObjectMapper().readTree(Files.readString(own)).path("problems")) {
                codes.add(e.path("code").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + own, e);
        }
        return codes;
    }
}
