package io.tollgate.regulator.policy;

import java.util.List;
import java.util.Locale;

/**
 * A product family and the SKUs that belong to it. A pattern is an exact SKU ({@code B200}) or a
 * prefix ending in {@code *} ({@code GB300-*}); SKUs are compared upper-cased and trimmed.
 */
public record ProductFamily(String name, String architecture, Licensing licensing,
                            List<String> skuPatterns) {

    public ProductFamily {
        skuPatterns = skuPatterns == null ? List.of() : List.copyOf(skuPatterns);
    }

    public boolean matches(String sku) {
        String normalised = normalise(sku);
        for (String pattern : skuPatterns) {
            if (patternMatches(pattern, normalised)) {
                return true;
            }
        }
        return false;
    }

    static boolean patternMatches(String pattern, String normalisedSku) {
        if (pattern.endsWith("*")) {
            return normalisedSku.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return normalisedSku.equals(pattern);
    }

    static String normalise(String sku) {
        return sku == null ? "" : sku.trim().toUpperCase(Locale.ROOT);
    }
}
