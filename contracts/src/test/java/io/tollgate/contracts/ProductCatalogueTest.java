package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped catalogue, product by product: what each SKU is and where it stands. */
class ProductCatalogueTest {

    private final ProductCatalogue catalogue = ProductCatalogue.standard();

    @ParameterizedTest(name = "{0} is {1} {2}: {3}, {4}")
    @CsvSource({
            "H200-SXM-141GB, NVIDIA, H200,                  hopper,    CASE_BY_CASE",
            "h200-nvl,       NVIDIA, H200,                  hopper,    CASE_BY_CASE",
            "H200,           NVIDIA, H200,                  hopper,    CASE_BY_CASE",
            "H100-SXM,       NVIDIA, H100,                  hopper,    CASE_BY_CASE",
            "H20,            NVIDIA, H20,                   hopper,    NOT_COVERED",
            "MI325X,         AMD,    Instinct MI325X,       cdna3,     CASE_BY_CASE",
            "MI300X-OAM,     AMD,    Instinct MI300X,       cdna3,     CASE_BY_CASE",
            "B100,           NVIDIA, B100,                  blackwell, PROHIBITED",
            "B200,           NVIDIA, B200,                  blackwell, PROHIBITED",
            "GB200-NVL72,    NVIDIA, GB200,                 blackwell, PROHIBITED",
            "B300,           NVIDIA, B300,                  blackwell, PROHIBITED",
            "GB300-NVL72,    NVIDIA, GB300,                 blackwell, PROHIBITED",
            "VR200,          NVIDIA, Rubin,                 rubin,     PROHIBITED",
            "RUBIN-CPX,      NVIDIA, Rubin,                 rubin,     PROHIBITED",
            "R100,           NVIDIA, Rubin,                 rubin,     PROHIBITED",
            "MI355X,         AMD,    Instinct MI350 series, cdna4,     PROHIBITED"})
    void eachCataloguedSkuIsItsProduct(String sku, String vendor, String model, String family,
                                       Eligibility eligibility) {
        // when
        ProductClassification c = catalogue.classify(sku);

        // then
        assertThat(c.known()).isTrue();
        assertThat(c.product().vendor()).isEqualTo(vendor);
        assertThat(c.product().model()).isEqualTo(model);
        assertThat(c.family()).isEqualTo(family);
        assertThat(c.eligibility()).isEqualTo(eligibility);
        assertThat(c.refusal()).isNull();
    }

    @ParameterizedTest(name = "{0} is unknown")
    @ValueSource(strings = {"H800", "GH200-480GB", "H2000", "A100-80GB", "MI250X", "TPU-V5P", "", "  "})
    void anUnknownSkuIsRefusedWithAReason(String sku) {
        // when
        ProductClassification c = catalogue.classify(sku);

        // then
        assertThat(c.known()).isFalse();
        assertThat(c.family()).isEqualTo(ProductCatalogue.UNKNOWN_FAMILY);
        assertThat(c.refusal()).contains("not in the product catalogue");
        assertThatThrownBy(c::eligibility).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theModelsTheRuleNamesWereOnSaleInTheUsOnTheCutOff() {
        for (String sku : List.of("H200", "MI325X")) {
            CatalogueProduct p = catalogue.classify(sku).product();
            assertThat(p.usAvailableFrom()).isBeforeOrEqualTo(ProductCatalogue.US_AVAILABILITY_CUT_OFF);
            assertThat(p.performanceClass()).isEqualTo(PerformanceClass.H200_CLASS);
        }
    }

    @Test
    void everyBlackwellAndRubinProductIsProhibited() {
        assertThat(catalogue.products())
                .filteredOn(p -> p.family().equals("blackwell") || p.family().equals("rubin"))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.eligibility()).isEqualTo(Eligibility.PROHIBITED));
    }

    @Test
    void aCatalogueThatOverstatesEligibilityDoesNotLoad() {
        CatalogueProduct lateButCaseByCase = new CatalogueProduct("X", "Late", "late", List.of("LATE-1"),
                LocalDate.of(2026, 1, 16), PerformanceClass.H200_CLASS, Eligibility.CASE_BY_CASE, null);
        assertThatThrownBy(() -> new ProductCatalogue(List.of(lateButCaseByCase)))
                .hasMessageContaining("make it NOT_COVERED");
    }

    @Test
    void aCatalogueWithOneSkuUnderTwoProductsDoesNotLoad() {
        CatalogueProduct a = new CatalogueProduct("X", "A", "a", List.of("SAME"), null,
                PerformanceClass.ABOVE_H200_CLASS, Eligibility.PROHIBITED, null);
        CatalogueProduct b = new CatalogueProduct("X", "B", "b", List.of("same"), null,
                PerformanceClass.ABOVE_H200_CLASS, Eligibility.PROHIBITED, null);
        assertThatThrownBy(() -> new ProductCatalogue(List.of(a, b))).hasMessageContaining("names both");
    }

    @Test
    void theCutOffDayItselfIsCovered() {
        CatalogueProduct onTheDay = new CatalogueProduct("X", "OnTheDay", "x", List.of("DAY-1"),
                ProductCatalogue.US_AVAILABILITY_CUT_OFF, PerformanceClass.H200_CLASS,
                Eligibility.CASE_BY_CASE, null);
        assertThat(new ProductCatalogue(List.of(onTheDay)).classify("DAY-1").eligibility())
                .isEqualTo(Eligibility.CASE_BY_CASE);
    }
}
