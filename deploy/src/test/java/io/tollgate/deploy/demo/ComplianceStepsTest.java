package io.tollgate.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ComplianceStepsTest {

    @ParameterizedTest
    @CsvSource({"H200-SXM-141GB, H200", "H200-NVL, H200", "H100-SXM5-80GB, H100", "MI325X-OAM, Instinct MI325X"})
    void aSkuIsCountedInItsCatalogueModel(String sku, String productClass) {
        assertThat(ComplianceSteps.productClass(sku)).isEqualTo(productClass);
    }

    @Test
    void aSkuOutsideTheCatalogueHasNoClass() {
        assertThatThrownBy(() -> ComplianceSteps.productClass("TPU-V5")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"2026-01-01T00:00:00Z, 2026-Q1", "2026-03-31T23:59:59Z, 2026-Q1", "2026-04-01T00:00:00Z, 2026-Q2",
        "2026-09-30T23:59:59Z, 2026-Q3", "2026-10-01T00:00:00Z, 2026-Q4", "2026-12-31T23:59:59Z, 2026-Q4"})
    void quartersAreCalendarQuartersInUtc(String instant, String quarter) {
        assertThat(ComplianceSteps.quarter(Instant.parse(instant))).isEqualTo(quarter);
    }

    @Test
    void anOrdersTwoDocumentsAreTheSameOnEveryCallAndCountOnTheDayTheyAreSupplied() {
        // given
        LocalDate today = LocalDate.of(2026, 12, 6);

        // when
        List<Map<String, Object>> documents = ComplianceSteps.documents("order-1", "ByteDance Ltd.", today);

        // then: the same documents again (a repeat records nothing), another order's differ
        assertThat(ComplianceSteps.documents("order-1", "ByteDance Ltd.", today)).isEqualTo(documents);
        assertThat(ComplianceSteps.documents("order-2", "ByteDance Ltd.", today)).doesNotContainAnyElementsOf(documents);
        assertThat(documents).extracting(d -> d.get("kind"))
            .containsExactly(ComplianceSteps.KYC_ATTESTATION, ComplianceSteps.LAB_TEST_REPORT);
        // and each is issued by today, valid today, within the shipped version's ages (365 and 90 days)
        int[] maxAgeDays = {365, 90};
        for (int i = 0; i < documents.size(); i++) {
            LocalDate issued = LocalDate.parse((String) documents.get(i).get("issuedOn"));
            LocalDate expires = LocalDate.parse((String) documents.get(i).get("expiresOn"));
            assertThat(issued).isBeforeOrEqualTo(today);
            assertThat(expires).isAfterOrEqualTo(today);
            assertThat(ChronoUnit.DAYS.between(issued, today)).isLessThanOrEqualTo(maxAgeDays[i]);
            assertThat((String) documents.get(i).get("sha256")).matches("[0-9a-f]{64}");
        }
    }
}
