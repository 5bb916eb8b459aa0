package io.tollgate.regulator.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Eligibility;
import io.tollgate.contracts.GrantConditions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The authorization policy as data: one immutable, effective-dated version. Every decision records
 * the version and the clause that made it; which version decides an application is chosen by
 * {@link PolicyHistory}. Validated by {@link PolicyValidator} when adopted, never when read back
 * from history (old events must load).
 *
 * @param effectiveFrom           the instant from which the version governs (inclusive); absent
 *                                only in versions adopted before versions were effective-dated,
 *                                which take effect when they were adopted
 * @param productRules            what the version does with each catalogue eligibility
 * @param usageScenario           the CN track of a version stored before necessity categories: one
 *                                text rule for every buyer (today's versions use {@code necessity})
 * @param necessity               the CN track: the categories of necessity and what each needs
 * @param reviewThresholdQuantity orders of more units than this go to a compliance officer
 * @param source                  the publication the version encodes, for people
 * @param families                the product families of a version adopted before the product
 *                                catalogue, kept exactly as stored and never used to decide
 * @param destinations            destinations, transaction kinds and headquarters the version
 *                                reviews (absent in versions stored before orders said them: such a
 *                                version decides every order as the export to China it was)
 * @param documents               the documents each application must carry (absent in versions
 *                                stored before documents were required: they require none)
 * @param usVolumeCap             the US-volume cap (absent in versions without one: they decide as
 *                                before, with no cap)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(String version,
                     Instant effectiveFrom,
                     List<ProductRule> productRules,
                     String revenueShareRate,
                     String payee,
                     UsageScenarioRule usageScenario,
                     NecessityRule necessity,
                     long reviewThresholdQuantity,
                     String source,
                     JsonNode families,
                     DestinationRules destinations,
                     DocumentRules documents,
                     UsVolumeCap usVolumeCap) {

    /** The clause of a version stored before product rules: the catalogue's eligibility as is. */
    public static final String LEGACY_PRODUCT_CLAUSE = "catalogue-eligibility";

    /** The one category of a version stored before necessity categories. */
    public static final String LEGACY_NECESSITY = "COMMERCIAL";

    public Policy {
        productRules = productRules == null || productRules.isEmpty() ? null : List.copyOf(productRules);
    }

    /** A version that requires no documents (as every version stored before documents). */
    public Policy(String version, Instant effectiveFrom, List<ProductRule> productRules,
                  String revenueShareRate, String payee, UsageScenarioRule usageScenario,
                  NecessityRule necessity, long reviewThresholdQuantity, String source, JsonNode families,
                  DestinationRules destinations) {
        this(version, effectiveFrom, productRules, revenueShareRate, payee, usageScenario, necessity,
                reviewThresholdQuantity, source, families, destinations, null, null);
    }

    /** A version that requires no documents, with its US-volume cap (null: none). */
    public Policy(String version, Instant effectiveFrom, List<ProductRule> productRules,
                  String revenueShareRate, String payee, UsageScenarioRule usageScenario,
                  NecessityRule necessity, long reviewThresholdQuantity, String source, JsonNode families,
                  DestinationRules destinations, UsVolumeCap usVolumeCap) {
        this(version, effectiveFrom, productRules, revenueShareRate, payee, usageScenario, necessity,
                reviewThresholdQuantity, source, families, destinations, null, usVolumeCap);
    }

    /** A version without a US-volume cap that requires {@code documents} (null: none). */
    public Policy(String version, Instant effectiveFrom, List<ProductRule> productRules,
                  String revenueShareRate, String payee, UsageScenarioRule usageScenario,
                  NecessityRule necessity, long reviewThresholdQuantity, String source, JsonNode families,
                  DestinationRules destinations, DocumentRules documents) {
        this(version, effectiveFrom, productRules, revenueShareRate, payee, usageScenario, necessity,
                reviewThresholdQuantity, source, families, destinations, documents, null);
    }

    /** {@code this} with {@code cap} as its US-volume cap (null: none). */
    public Policy withUsVolumeCap(UsVolumeCap cap) {
        return new Policy(version, effectiveFrom, productRules, revenueShareRate, payee, usageScenario, necessity,
                reviewThresholdQuantity, source, families, destinations, documents, cap);
    }

    /** A current-shape version (necessity categories; no legacy scenario rule or families). */
    public Policy(String version, Instant effectiveFrom, List<ProductRule> productRules,
                  String revenueShareRate, String payee, NecessityRule necessity,
                  long reviewThresholdQuantity, String source) {
        this(version, effectiveFrom, productRules, revenueShareRate, payee, null, necessity,
                reviewThresholdQuantity, source, null, null);
    }

    /** A current-shape version with its destination rules. */
    public Policy(String version, Instant effectiveFrom, List<ProductRule> productRules,
                  String revenueShareRate, String payee, NecessityRule necessity,
                  long reviewThresholdQuantity, String source, DestinationRules destinations) {
        this(version, effectiveFrom, productRules, revenueShareRate, payee, null, necessity,
                reviewThresholdQuantity, source, null, destinations);
    }

    /**
     * The necessity category an application declaring {@code declared} (null: none yet) is judged
     * under; empty when the version has no such category. A version stored before categories judges
     * every buyer by its one scenario rule, as commercial need under clause "usage-scenario".
     */
    public Optional<NecessityCategory> necessityCategory(String declared) {
        if (necessity == null) {
            return Optional.of(new NecessityCategory(LEGACY_NECESSITY, Clauses.USAGE_SCENARIO, false,
                    usageScenario, "the version's usage-scenario rule"));
        }
        return necessity.category(declared);
    }

    /**
     * The rule for products of {@code eligibility}. A version stored before product rules licenses
     * exactly the case-by-case products, as its Hopper-only family list meant to.
     */
    public ProductRule ruleFor(Eligibility eligibility) {
        if (productRules == null) {
            Licensing licensing = eligibility == Eligibility.CASE_BY_CASE ? Licensing.LICENSABLE
                    : Licensing.PROHIBITED;
            return new ProductRule(LEGACY_PRODUCT_CLAUSE, eligibility, licensing,
                    "catalogue eligibility " + eligibility);
        }
        Optional<ProductRule> rule = productRules.stream()
                .filter(r -> r.eligibility() == eligibility).findFirst();
        // The validator makes every adopted version cover every eligibility.
        return rule.orElseThrow(() -> new IllegalStateException("policy " + version
                + " has no rule for " + eligibility));
    }

    /** The version's destination rules, or {@link DestinationRules#LEGACY} for a version without. */
    public DestinationRules destinationRules() {
        return destinations != null ? destinations : DestinationRules.LEGACY;
    }

    /** The documents the version requires, or {@link DocumentRules#NONE} for a version without. */
    public DocumentRules documentRules() {
        return documents != null ? documents : DocumentRules.NONE;
    }

    /** The same version requiring {@code rules} (null: none), e.g. a draft told to require documents. */
    public Policy withDocuments(DocumentRules rules) {
        return new Policy(version, effectiveFrom, productRules, revenueShareRate, payee, usageScenario,
                necessity, reviewThresholdQuantity, source, families, destinations, rules, usVolumeCap);
    }

    /** When the version governs from: its effective instant, else (old versions) its adoption. */
    public Instant effectiveFromOr(Instant adoptedAt) {
        return effectiveFrom != null ? effectiveFrom : adoptedAt;
    }

    @JsonIgnore
    public GrantConditions conditions() {
        return new GrantConditions(revenueShareRate, payee);
    }
}
