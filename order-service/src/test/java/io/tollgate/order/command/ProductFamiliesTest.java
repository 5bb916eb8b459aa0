package io.tollgate.order.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductFamiliesTest {

    @ParameterizedTest
    @CsvSource({
            "H200-SXM-141GB, hopper",
            "h200-nvl, hopper",
            "B200, blackwell",
            "GB200-NVL72, blackwell",
            "B300, blackwell",
            "VR200, rubin",
            "MI300X, unknown"})
    void theFamilyIsNamedFromTheSkuPrefix(String sku, String family) {
        assertThat(ProductFamilies.of(sku)).isEqualTo(family);
    }
}
