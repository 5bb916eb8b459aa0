package io.tollgate.audit.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Eligibility;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One policy version as docs/policy-rules.md reads it, parsed from the JSON document as published.
 * This is the audit's own reading of the format: it shares nothing with regulator-service but the
 * contract's product eligibilities, so the two implementations agreeing is evidence, not an echo.
 *
 * @param productRules        the rule per eligibility; null in a version stored before product
 *                            rules (it licenses {@code CASE_BY_CASE} only, §2.2.1)
 * @param destinations        null in a version stored before destination rules (§2.1)
 * @param trustedClauses      clauses of sections that decide by facts the topics do not carry (the
 *                            documents supplied to the regulator, the US-volume feed): a decision
 *                            under one is taken on trust, naming the section
 * @param sectionsNotChecked  top-level sections the recheck does not evaluate (a decision under a
 *                            clause it does not know is taken on trust, naming them)
 */
public record PolicyVersion(String version, Instant effectiveFrom, Map<Eligibility, ProductRule> productRules,
                            String revenueShareRate, String payee, Necessity necessity,
                            long reviewThresholdQuantity, Destinations destinations,
                            Map<String, String> trustedClauses, List<String> sectionsNotChecked) {

    /** The clause of a version stored before product rules. */
    public static final String LEGACY_PRODUCT_CLAUSE = "catalogue-eligibility";
    /** The clause of a version stored before destination rules, for anything but CN/MO exports. */
    public static final String LEGACY_DESTINATION_CLAUSE = "destination-not-reviewed";
    /** The clause of a version stored before categories of necessity. */
    public static final String LEGACY_SCENARIO_CLAUSE = "usage-scenario";

    /** The sections §1–§2 read; anything else is reported as not checked. */
    private static final Set<String> KNOWN = Set.of("version", "effectiveFrom", "source", "productRules",
            "revenueShareRate", "payee", "usageScenario", "necessity", "reviewThresholdQuantity", "families",
            "destinations", "documents", "usVolumeCap");

    /**
     * What is trusted for a decision under a clause of the documents section (§2.3). Still trusted
     * although documents the ERP supplies through order-service are on the orders topic
     * ({@code tollgate.order.document-supplied.v1}): an officer can supply them to the regulator
     * directly, so their absence on the topic proves nothing.
     */
    public static final String DOCUMENTS = "documents supplied to the regulator";
    /** What is trusted for a decision under the US-volume cap's clause (§2.7). */
    public static final String US_VOLUME = "US-volume feed";

    public record ProductRule(String clause, boolean licensable) {
    }

    public record Category(String name, String clause, boolean exempt, int minLength, List<String> workloads) {
    }

    public record Necessity(String defaultCategory, List<Category> categories) {

        /** The category named (upper-cased), the default for none; null when the version lacks it. */
        public Category category(String declared) {
            String wanted = (declared == null ? defaultCategory : declared).trim().toUpperCase(Locale.ROOT);
            return categories.stream().filter(c -> c.name().equals(wanted)).findFirst().orElse(null);
        }
    }

    public record Destinations(Set<String> reviewed, Set<String> transactions, Set<String> licenceHeadquarters,
                               Set<String> countryGroupD5, String transactionClause, String headquartersClause,
                               String destinationClause, String outsideScopeClause) {

        /** What a version without the section reviews: exports to China and Macau. */
        static Destinations legacy() {
            return new Destinations(Set.of("CN", "MO"), Set.of("EXPORT"), Set.of(), Set.of(),
                    LEGACY_DESTINATION_CLAUSE, LEGACY_DESTINATION_CLAUSE, LEGACY_DESTINATION_CLAUSE,
                    LEGACY_DESTINATION_CLAUSE);
        }
    }

    /** The version's destination rules, or the legacy ones (§2.1). */
    public Destinations destinationRules() {
        return destinations != null ? destinations : Destinations.legacy();
    }

    /** Every clause this version's own sections name (product, destination and necessity rules). */
    public Set<String> ownClauses() {
        Set<String> clauses = new LinkedHashSet<>();
        if (productRules == null) {
            clauses.add(LEGACY_PRODUCT_CLAUSE);
        } else {
            productRules.values().forEach(r -> clauses.add(r.clause()));
        }
        Destinations d = destinationRules();
        clauses.addAll(List.of(d.transactionClause(), d.headquartersClause(), d.destinationClause(),
                d.outsideScopeClause()));
        necessity.categories().forEach(c -> clauses.add(c.clause()));
        return clauses;
    }

    /**
     * Reads one version. {@code origin} names the document in messages.
     *
     * @throws PolicyFileException naming the field that is missing or malformed
     */
    public static PolicyVersion parse(JsonNode json, String origin) {
        if (json == null || !json.isObject()) {
            throw new PolicyFileException(origin + ": not a JSON object");
        }
        Reader r = new Reader(origin);
        String version = r.text(json, "version");
        Instant effectiveFrom = json.hasNonNull("effectiveFrom") ? r.instant(json, "effectiveFrom") : null;
        Map<Eligibility, ProductRule> rules = null;
        if (json.hasNonNull("productRules") && json.get("productRules").size() > 0) {
            rules = new EnumMap<>(Eligibility.class);
            int i = 0;
            for (JsonNode rule : r.array(json, "productRules")) {
                String at = "productRules[" + i++ + "]";
                Eligibility eligibility = r.eligibility(rule, at + ".eligibility");
                String licensing = r.text(rule, "licensing", at + ".licensing");
                if (!licensing.equals("LICENSABLE") && !licensing.equals("PROHIBITED")) {
                    throw new PolicyFileException(origin + ": " + at + ".licensing must be LICENSABLE or"
                            + " PROHIBITED, got " + licensing);
                }
                rules.putIfAbsent(eligibility, new ProductRule(r.text(rule, "clause", at + ".clause"),
                        licensing.equals("LICENSABLE")));
            }
            for (Eligibility e : Eligibility.values()) {
                if (!rules.containsKey(e)) {
                    throw new PolicyFileException(origin + ": productRules has no rule for " + e);
                }
            }
        }
        Necessity necessity;
        if (json.hasNonNull("necessity")) {
            JsonNode n = json.get("necessity");
            List<Category> categories = new ArrayList<>();
            int i = 0;
            for (JsonNode c : r.array(n, "categories", "necessity.categories")) {
                String at = "necessity.categories[" + i++ + "]";
                boolean exempt = c.path("exempt").asBoolean(false);
                JsonNode scenario = c.path("scenario");
                if (!exempt && !scenario.isObject()) {
                    throw new PolicyFileException(origin + ": " + at + ".scenario is required for a"
                            + " category that is not exempt");
                }
                categories.add(new Category(r.text(c, "name", at + ".name").toUpperCase(Locale.ROOT),
                        r.text(c, "clause", at + ".clause"), exempt,
                        scenario.path("minLength").asInt(0), workloads(scenario)));
            }
            necessity = new Necessity(r.text(n, "defaultCategory", "necessity.defaultCategory"),
                    List.copyOf(categories));
        } else if (json.hasNonNull("usageScenario")) {
            JsonNode s = json.get("usageScenario");
            necessity = new Necessity("COMMERCIAL", List.of(new Category("COMMERCIAL", LEGACY_SCENARIO_CLAUSE,
                    false, s.path("minLength").asInt(0), workloads(s))));
        } else {
            throw new PolicyFileException(origin + ": neither necessity nor usageScenario: the version"
                    + " has no CN import rule");
        }
        JsonNode threshold = json.get("reviewThresholdQuantity");
        if (threshold == null || !threshold.canConvertToLong() || threshold.asLong() < 0) {
            throw new PolicyFileException(origin + ": reviewThresholdQuantity must be a whole number >= 0");
        }
        Destinations destinations = null;
        if (json.hasNonNull("destinations")) {
            JsonNode d = json.get("destinations");
            destinations = new Destinations(r.codes(d, "reviewedDestinations"), r.codes(d, "reviewedTransactions"),
                    r.codes(d, "licenceHeadquarters"), r.codes(d, "countryGroupD5"),
                    r.clause(d, "transactionRule"), r.clause(d, "headquartersRule"),
                    r.clause(d, "destinationRule"), r.clause(d, "outsideScopeRule"));
        }
        Map<String, String> trusted = new java.util.LinkedHashMap<>();
        if (json.hasNonNull("documents")) {
            int i = 0;
            for (JsonNode required : r.array(json.get("documents"), "required", "documents.required")) {
                trusted.put(r.text(required, "clause", "documents.required[" + i++ + "].clause"), DOCUMENTS);
            }
        }
        if (json.hasNonNull("usVolumeCap")) {
            trusted.put(r.text(json.get("usVolumeCap"), "clause", "usVolumeCap.clause"), US_VOLUME);
        }
        List<String> unknown = new ArrayList<>();
        json.fieldNames().forEachRemaining(f -> {
            if (!KNOWN.contains(f)) {
                unknown.add(f);
            }
        });
        return new PolicyVersion(version, effectiveFrom, rules, r.text(json, "revenueShareRate"),
                r.text(json, "payee"), necessity, threshold.asLong(), destinations, Map.copyOf(trusted),
                List.copyOf(unknown));
    }

    private static List<String> workloads(JsonNode scenario) {
        List<String> out = new ArrayList<>();
        scenario.path("workloadCategories").forEach(w -> out.add(w.asText()));
        return List.copyOf(out);
    }

    /** Field readers that name the field and the document when something is wrong. */
    private record Reader(String origin) {

        String text(JsonNode node, String field) {
            return text(node, field, field);
        }

        String text(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new PolicyFileException(origin + ": " + path + " is required (text)");
            }
            return value.asText();
        }

        Instant instant(JsonNode node, String field) {
            String text = text(node, field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new PolicyFileException(origin + ": " + field + " must be an ISO-8601 instant, got " + text);
            }
        }

        Iterable<JsonNode> array(JsonNode node, String field) {
            return array(node, field, field);
        }

        Iterable<JsonNode> array(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || !value.isArray()) {
                throw new PolicyFileException(origin + ": " + path + " must be an array");
            }
            return value;
        }

        Eligibility eligibility(JsonNode node, String path) {
            String text = text(node, "eligibility", path);
            try {
                return Eligibility.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new PolicyFileException(origin + ": " + path + " is not an eligibility: " + text);
            }
        }

        Set<String> codes(JsonNode node, String field) {
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode code : array(node, field, "destinations." + field)) {
                out.add(code.asText());
            }
            return Set.copyOf(out);
        }

        String clause(JsonNode node, String field) {
            JsonNode rule = node.get(field);
            if (rule == null || !rule.isObject()) {
                throw new PolicyFileException(origin + ": destinations." + field + " is required");
            }
            return text(rule, "clause", "destinations." + field + ".clause");
        }
    }
}
