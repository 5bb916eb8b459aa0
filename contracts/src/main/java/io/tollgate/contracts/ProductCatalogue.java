package io.tollgate.contracts;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one product catalogue: which accelerator a SKU is, its family and its standing under the
 * export rules. Every service classifies through {@link #standard()} — order-service names the
 * family on the wire, regulator-service decides by eligibility, the ledger books what the event
 * names — so a product can never be known to one service and unknown to another.
 */
public final class ProductCatalogue {

    /** The family of a SKU the catalogue does not know (a wire value since the first release). */
    public static final String UNKNOWN_FAMILY = "unknown";

    /** The rule's cut-off: only models commercially available in the US on this day are covered. */
    public static final LocalDate US_AVAILABILITY_CUT_OFF = LocalDate.of(2026, 1, 15);

    /** The catalogue shipped in this jar. */
    public static final String RESOURCE = "catalogue/products.json";

    /** Bound on catalogue size: a classification scans every pattern. */
    public static final int PRODUCTS_MAX = 200;

    private static final ProductCatalogue STANDARD = load(RESOURCE);

    private final List<CatalogueProduct> products;

    public ProductCatalogue(List<CatalogueProduct> products) {
        if (products.isEmpty() || products.size() > PRODUCTS_MAX) {
            throw new IllegalArgumentException("a catalogue holds 1.." + PRODUCTS_MAX + " products");
        }
        Map<String, String> owners = new HashMap<>();
        for (CatalogueProduct p : products) {
            requireHonestEligibility(p);
            for (String pattern : p.skuPatterns()) {
                String before = owners.put(pattern, p.model());
                if (before != null) {
                    throw new IllegalArgumentException("SKU pattern " + pattern + " names both "
                            + before + " and " + p.model());
                }
            }
        }
        this.products = List.copyOf(products);
    }

    public static ProductCatalogue standard() {
        return STANDARD;
    }

    public List<CatalogueProduct> products() {
        return products;
    }

    /**
     * The product a SKU is. The most specific pattern wins: an exact SKU over any prefix, a longer
     * prefix over a shorter one (so {@code GB200-NVL72} is never read as a {@code B200}).
     */
    public ProductClassification classify(String sku) {
        String normalised = CatalogueProduct.normalise(sku);
        CatalogueProduct best = null;
        int bestScore = -1;
        for (CatalogueProduct product : products) {
            for (String pattern : product.skuPatterns()) {
                int score = score(pattern, normalised);
                if (score > bestScore) {
                    best = product;
                    bestScore = score;
                }
            }
        }
        if (best == null) {
            return new ProductClassification(sku, null, UNKNOWN_FAMILY, "Product " + sku
                    + " is not in the product catalogue; only catalogued accelerators can be licensed");
        }
        return new ProductClassification(sku, best, best.family(), null);
    }

    /** -1 when the pattern does not match; an exact match beats every prefix. */
    private static int score(String pattern, String sku) {
        if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return sku.startsWith(prefix) ? prefix.length() : -1;
        }
        return sku.equals(pattern) ? Integer.MAX_VALUE : -1;
    }

    /** The eligibility a product states must be the one the rule gives its class and date. */
    private static void requireHonestEligibility(CatalogueProduct p) {
        Eligibility expected;
        if (p.performanceClass() == PerformanceClass.ABOVE_H200_CLASS) {
            expected = Eligibility.PROHIBITED;
        } else if (p.usAvailableFrom() != null && !p.usAvailableFrom().isAfter(US_AVAILABILITY_CUT_OFF)) {
            expected = Eligibility.CASE_BY_CASE;
        } else {
            expected = Eligibility.NOT_COVERED;
        }
        if (p.eligibility() != expected) {
            throw new IllegalArgumentException(p.model() + " states " + p.eligibility() + " but its class "
                    + p.performanceClass() + " and US availability " + p.usAvailableFrom() + " make it "
                    + expected);
        }
    }

    static ProductCatalogue load(String resource) {
        try (InputStream in = ProductCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("product catalogue not found: " + resource);
            }
            List<CatalogueProduct> products = WireJson.mapper().readValue(in,
                    new TypeReference<List<CatalogueProduct>>() { });
            return new ProductCatalogue(products);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read product catalogue " + resource, e);
        }
    }
}
