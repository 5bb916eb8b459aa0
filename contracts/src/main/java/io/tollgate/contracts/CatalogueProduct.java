package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One accelerator model of the product catalogue.
 *
 * @param family            the family label the services book revenue and count metrics under
 *                          ({@code revenue:sales:<family>}); a wire value: never renamed
 * @param skuPatterns       exact SKUs ({@code B200}) or prefixes ending in {@code *}
 *                          ({@code GB300-*}); compared trimmed and upper-cased
 * @param usAvailableFrom   the first day the model was commercially available in the US (the month
 *                          of general availability); absent when it never was
 * @param eligibility       its standing under the rule; {@link ProductCatalogue} checks that it
 *                          follows from the performance class and the availability date
 */
public record CatalogueProduct(
        @JsonProperty(required = true) String vendor,
        @JsonProperty(required = true) String model,
        @JsonProperty(required = true) String family,
        @JsonProperty(required = true) List<String> skuPatterns,
        LocalDate usAvailableFrom,
        @JsonProperty(required = true) PerformanceClass performanceClass,
        @JsonProperty(required = true) Eligibility eligibility,
        String note) {

    public CatalogueProduct {
        Require.text("vendor", vendor);
        Require.text("model", model);
        Require.text("family", family);
        Require.present("skuPatterns", skuPatterns);
        Require.present("performanceClass", performanceClass);
        Require.present("eligibility", eligibility);
        if (skuPatterns.isEmpty()) {
            throw new ContractViolationException("skuPatterns", "must name at least one SKU");
        }
        skuPatterns = skuPatterns.stream().map(CatalogueProduct::normalise).toList();
        if (!family.equals(family.toLowerCase(Locale.ROOT))) {
            throw new ContractViolationException("family", "must be lower case (a ledger account part)");
        }
    }

    static String normalise(String sku) {
        return sku == null ? "" : sku.trim().toUpperCase(Locale.ROOT);
    }
}
