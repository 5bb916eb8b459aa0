package io.tollgate.order.command;

import java.util.List;
import java.util.Locale;

/**
 * Names the accelerator family of a SKU. The family is a bounded label (ledger account
 * {@code revenue:sales:<family>}, metric tag), never a decision: whether a product may be sold is
 * regulator-service's policy, and an unknown SKU is still taken as an order and named "unknown".
 */
public final class ProductFamilies {

    public static final String HOPPER = "hopper";
    public static final String BLACKWELL = "blackwell";
    public static final String RUBIN = "rubin";
    public static final String UNKNOWN = "unknown";

    /** SKU prefixes per family; longest prefixes first so GB200 is not read as B200. */
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"GB200", BLACKWELL},
            new String[] {"GB300", BLACKWELL},
            new String[] {"VR200", RUBIN},
            new String[] {"H200", HOPPER},
            new String[] {"H100", HOPPER},
            new String[] {"H800", HOPPER},
            new String[] {"H20", HOPPER},
            new String[] {"B200", BLACKWELL},
            new String[] {"B300", BLACKWELL},
            new String[] {"R100", RUBIN},
            new String[] {"R200", RUBIN});

    private ProductFamilies() {
    }

    public static String of(String sku) {
        String upper = sku.trim().toUpperCase(Locale.ROOT);
        for (String[] prefix : PREFIXES) {
            if (upper.startsWith(prefix[0])) {
                return prefix[1];
            }
        }
        return UNKNOWN;
    }
}
