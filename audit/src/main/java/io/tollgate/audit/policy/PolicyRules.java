package io.tollgate.audit.policy;

import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.ProductClassification;
import java.util.Locale;

/**
 * docs/policy-rules.md §2 as the recheck evaluates it, from the order's facts and one version alone:
 * what the destination and product rules refuse (§2.1, §2.2.1), and otherwise the clause that
 * licenses the product and why the rules alone would not grant (§2.5, §2.6). The register (§2.2.2)
 * is not on the topics, so it is not evaluated here. Written from the document, not from
 * regulator-service's evaluator: the two agreeing is what the recheck shows.
 */
public final class PolicyRules {

    /** A rule that refuses the order whoever decides: the reason code and the clause it names. */
    public record Refusal(String code, String clause, String why) {
    }

    /**
     * What the rules say. Exactly one of {@code refusal} and {@code licenceClause} is set;
     * {@code waitsFor} (with {@code waitClause}) says why the rules alone would not grant a licensed
     * order, null when they would.
     *
     * @param scenarioWait true when {@code waitsFor} is about the usage scenario (it can be supplied to
     *                     the regulator directly, which the topics do not show)
     */
    public record Expectation(Refusal refusal, String licenceClause, String waitsFor, String waitClause,
                              boolean scenarioWait) {
    }

    private PolicyRules() {
    }

    /** The rules of {@code version} for {@code order}, judged with {@code scenario}. */
    public static Expectation expect(PolicyVersion version, OrderRequestedV2 order, String scenario) {
        Refusal outside = destinationRefusal(version.destinationRules(), order);
        if (outside != null) {
            return new Expectation(outside, null, null, null, false);
        }
        ProductClassification product = ProductCatalogue.standard().classify(order.productSku());
        if (!product.known()) {
            return new Expectation(new Refusal("PRODUCT_UNKNOWN", "product-catalogue",
                    "product " + order.productSku() + " is not in the catalogue"), null, null, null, false);
        }
        PolicyVersion.ProductRule rule = version.productRules() == null
                ? new PolicyVersion.ProductRule(PolicyVersion.LEGACY_PRODUCT_CLAUSE,
                        product.eligibility() == io.tollgate.contracts.Eligibility.CASE_BY_CASE)
                : version.productRules().get(product.eligibility());
        if (!rule.licensable()) {
            return new Expectation(new Refusal("PRODUCT_PROHIBITED", rule.clause(), "product "
                    + order.productSku() + " (" + product.eligibility() + ") is prohibited by clause "
                    + rule.clause()), null, null, null, false);
        }
        PolicyVersion.Category category = version.necessity().category(null);
        if (category == null) {
            return new Expectation(null, rule.clause(), "the default category of necessity "
                    + version.necessity().defaultCategory() + " is not one of the version's",
                    PolicyVersion.LEGACY_SCENARIO_CLAUSE, true);
        }
        if (category.exempt()) {
            return new Expectation(null, rule.clause(), "the category " + category.name()
                    + " is exempt: an officer verifies the claim", category.clause(), false);
        }
        String problem = scenarioProblem(category, scenario);
        if (problem != null) {
            return new Expectation(null, rule.clause(), problem, category.clause(), true);
        }
        if (order.quantity() > version.reviewThresholdQuantity()) {
            return new Expectation(null, rule.clause(), order.quantity() + " units is above the review"
                    + " threshold of " + version.reviewThresholdQuantity(), "review-threshold", false);
        }
        return new Expectation(null, rule.clause(), null, null, false);
    }

    /** §2.1: transaction kind, reviewed destination, the two headquarters, D:5, anything else. */
    static Refusal destinationRefusal(PolicyVersion.Destinations d, OrderRequestedV2 order) {
        String kind = order.transactionKind().name();
        if (!d.transactions().contains(kind)) {
            return new Refusal("TRANSACTION_PRESUMPTION_OF_DENIAL", d.transactionClause(),
                    "a " + kind + " is not reviewed");
        }
        if (d.reviewed().contains(order.destination())) {
            return null;
        }
        for (String[] party : new String[][] {{"buyer", order.buyerHeadquarters()},
                {"ultimate parent", order.ultimateParentHeadquarters()}}) {
            String hq = party[1];
            if (hq == null || d.licenceHeadquarters().contains(hq) || d.countryGroupD5().contains(hq)) {
                return new Refusal("HEADQUARTERS_LICENCE_REQUIRED", d.headquartersClause(), "the " + party[0]
                        + (hq == null ? "'s headquarters are not stated" : " is headquartered in " + hq)
                        + " for an export to " + order.destination());
            }
        }
        if (d.countryGroupD5().contains(order.destination())) {
            return new Refusal("DESTINATION_PRESUMPTION_OF_DENIAL", d.destinationClause(),
                    order.destination() + " is in Country Group D:5");
        }
        return new Refusal("OUTSIDE_LICENSING_SCOPE", d.outsideScopeClause(), "an export to "
                + order.destination() + " is outside the destinations reviewed");
    }

    /** §2.5: null when the scenario meets the category, else what it lacks. */
    static String scenarioProblem(PolicyVersion.Category category, String scenario) {
        if (scenario == null || scenario.isBlank()) {
            return "no usage scenario";
        }
        String trimmed = scenario.trim();
        if (trimmed.length() < category.minLength()) {
            return "the usage scenario has " + trimmed.length() + " characters, fewer than "
                    + category.minLength();
        }
        if (category.workloads().isEmpty()) {
            return null;
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        for (String workload : category.workloads()) {
            String w = workload.trim().toLowerCase(Locale.ROOT);
            if (!w.isEmpty() && wholeWord(lower, w)) {
                return null;
            }
        }
        return "the usage scenario names none of the workloads " + category.workloads();
    }

    /** True when {@code word} occurs in {@code text} with no letter or number right before or after. */
    private static boolean wholeWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean before = at > 0 && isWordChar(text.codePointBefore(at));
            boolean after = end < text.length() && isWordChar(text.codePointAt(end));
            if (!before && !after) {
                return true;
            }
        }
        return false;
    }

    /** A letter or a number of any script (Unicode categories L and N). */
    private static boolean isWordChar(int codePoint) {
        if (Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

}
