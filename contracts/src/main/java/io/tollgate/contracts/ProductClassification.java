package io.tollgate.contracts;

/**
 * What the catalogue says about one SKU: the product it is, or why it is none.
 *
 * @param product the catalogued model; null for an unknown SKU
 * @param family  the product's family, {@link ProductCatalogue#UNKNOWN_FAMILY} for an unknown SKU
 * @param refusal why an unknown SKU cannot be licensed; null for a catalogued one
 */
public record ProductClassification(String sku, CatalogueProduct product, String family,
                                    String refusal) {

    public boolean known() {
        return product != null;
    }

    /** The product's eligibility; an unknown product has none (it is refused outright). */
    public Eligibility eligibility() {
        if (product == null) {
            throw new IllegalStateException("unknown product " + sku + " has no eligibility");
        }
        return product.eligibility();
    }
}
