package io.tollgate.regulator.policy;

import io.tollgate.contracts.RevenueShare;
import java.util.HashMap;
import java.util.Map;

/** The rules a policy document must meet before it can be adopted; each failure names the field. */
public final class PolicyValidator {

    public static final int FAMILIES_MAX = 100;
    public static final int PATTERNS_PER_FAMILY_MAX = 200;
    public static final int CATEGORIES_MAX = 200;
    public static final int MIN_LENGTH_MAX = 10_000;
    private static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._-]{0,39}";
    private static final String PATTERN = "[A-Z0-9][A-Z0-9._-]{0,63}\\*?";

    private PolicyValidator() {
    }

    public static void validate(Policy policy) {
        if (policy == null) {
            throw new InvalidPolicyException("body", "is required");
        }
        if (policy.version() == null || !policy.version().matches(VERSION)) {
            throw new InvalidPolicyException("version", "must match " + VERSION);
        }
        validateFamilies(policy);
        try {
            RevenueShare.parseRate(policy.revenueShareRate());
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("revenueShareRate", "must be a decimal in [0, 1] such as \"0.25\"");
        }
        if (policy.payee() == null || policy.payee().isBlank() || policy.payee().length() > 100) {
            throw new InvalidPolicyException("payee", "must be 1 to 100 characters");
        }
        validateUsageScenario(policy.usageScenario());
        if (policy.reviewThresholdQuantity() < 1) {
            throw new InvalidPolicyException("reviewThresholdQuantity", "must be at least 1");
        }
    }

    private static void validateFamilies(Policy policy) {
        if (policy.families().isEmpty() || policy.families().size() > FAMILIES_MAX) {
            throw new InvalidPolicyException("families", "must hold 1 to " + FAMILIES_MAX + " families");
        }
        Map<String, String> owner = new HashMap<>();
        for (int i = 0; i < policy.families().size(); i++) {
            ProductFamily family = policy.families().get(i);
            String at = "families[" + i + "]";
            if (family == null || family.name() == null || family.name().isBlank()) {
                throw new InvalidPolicyException(at + ".name", "is required");
            }
            if (family.licensing() == null) {
                throw new InvalidPolicyException(at + ".licensing", "must be LICENSABLE or PROHIBITED");
            }
            if (family.skuPatterns().isEmpty() || family.skuPatterns().size() > PATTERNS_PER_FAMILY_MAX) {
                throw new InvalidPolicyException(at + ".skuPatterns",
                        "must hold 1 to " + PATTERNS_PER_FAMILY_MAX + " patterns");
            }
            for (int j = 0; j < family.skuPatterns().size(); j++) {
                String pattern = family.skuPatterns().get(j);
                String field = at + ".skuPatterns[" + j + "]";
                if (pattern == null || !pattern.matches(PATTERN)) {
                    throw new InvalidPolicyException(field, "must be an upper-case SKU, optionally ending in *");
                }
                String previous = owner.putIfAbsent(pattern, family.name());
                if (previous != null) {
                    throw new InvalidPolicyException(field, "is listed twice (also in " + previous + ")");
                }
            }
        }
    }

    private static void validateUsageScenario(UsageScenarioRule rule) {
        if (rule == null) {
            throw new InvalidPolicyException("usageScenario", "is required");
        }
        if (rule.minLength() < 0 || rule.minLength() > MIN_LENGTH_MAX) {
            throw new InvalidPolicyException("usageScenario.minLength", "must be in [0, " + MIN_LENGTH_MAX + "]");
        }
        if (rule.workloadCategories().size() > CATEGORIES_MAX) {
            throw new InvalidPolicyException("usageScenario.workloadCategories",
                    "must hold at most " + CATEGORIES_MAX + " categories");
        }
        for (int i = 0; i < rule.workloadCategories().size(); i++) {
            String category = rule.workloadCategories().get(i);
            if (category == null || category.isBlank() || category.length() > 60) {
                throw new InvalidPolicyException("usageScenario.workloadCategories[" + i + "]",
                        "must be 1 to 60 characters");
            }
        }
    }
}
