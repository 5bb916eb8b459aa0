package io.tollgate.eventing.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric and label names a PromQL expression uses. Whether the expression parses is
 * promtool's job ({@code promtool check rules}); this only reads names out of one that does.
 */
final class PromQlNames {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring",
            "group_left", "group_right", "and", "or", "unless", "offset", "bool", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern DURATION = Pattern.compile("\\boffset\\s+\\w+");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

    private PromQlNames() {
    }

    /** The names used in {@code expr}: metrics, and labels (matchers and groupings). */
    record Names(Set<String> metrics, Set<String> labels) {
    }

    static Names of(String expr) {
        Set<String> labels = new TreeSet<>();
        String rest = STRING.matcher(expr).replaceAll("\"\"");
        Matcher selectors = SELECTOR.matcher(rest);
        while (selectors.find()) {
            Matcher m = LABEL_MATCHER.matcher(selectors.group(1));
            while (m.find()) {
                labels.add(m.group(1));
            }
        }
        rest = SELECTOR.matcher(rest).replaceAll(" ");
        Matcher groupings = GROUPING.matcher(rest);
        while (groupings.find()) {
            for (String label : groupings.group(2).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(DURATION.matcher(rest).replaceAll(" ")).replaceAll(" ");
        return new Names(metrics(rest), labels);
    }

    private static Set<String> metrics(String rest) {
        Set<String> metrics = new TreeSet<>();
        Matcher m = IDENT.matcher(rest);
        while (m.find()) {
            String word = m.group();
            boolean function = rest.substring(m.end()).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(rest.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
                metrics.add(word);
            }
        }
        return metrics;
    }
}
