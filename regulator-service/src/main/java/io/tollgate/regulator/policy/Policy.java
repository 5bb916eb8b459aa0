package io.tollgate.regulator.policy;

import io.tollgate.contracts.GrantConditions;
import java.util.List;
import java.util.Optional;

/**
 * The authorization policy as data: one immutable version. Every decision records the version that
 * made it; a new version only affects decisions made after it is adopted. Validated by
 * {@link PolicyValidator} when adopted, never when read back from history (old events must load).
 *
 * @param reviewThresholdQuantity orders of more units than this go to a compliance officer
 */
public record Policy(String version,
                     List<ProductFamily> families,
                     String revenueShareRate,
                     String payee,
                     UsageScenarioRule usageScenario,
                     long reviewThresholdQuantity) {

    public Policy {
        families = families == null ? List.of() : List.copyOf(families);
    }

    /**
     * The family whose patterns match {@code sku}, empty for an unknown product. The most specific
     * pattern wins (an exact SKU, else the longest prefix), so {@code GB300-NVL72} listed alone can
     * be carved out of a {@code GB300-*} family.
     */
    public Optional<ProductFamily> familyOf(String sku) {
        String normalised = ProductFamily.normalise(sku);
        ProductFamily best = null;
        int bestScore = -1;
        for (ProductFamily family : families) {
            for (String pattern : family.skuPatterns()) {
                if (ProductFamily.patternMatches(pattern, normalised)) {
                    int score = pattern.endsWith("*") ? pattern.length() - 1 : Integer.MAX_VALUE;
                    if (score > bestScore) {
                        best = family;
                        bestScore = score;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public GrantConditions conditions() {
        return new GrantConditions(revenueShareRate, payee);
    }
}
