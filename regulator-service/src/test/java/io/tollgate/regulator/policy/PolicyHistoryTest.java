package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.Eligibility;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which adopted version is in force at an instant. */
class PolicyHistoryTest {

    private static final Instant RULE = Instant.parse("2026-01-15T05:00:00Z");

    @Test
    void theVersionInForceIsTheLatestEffectiveAtOrBeforeTheInstant() {
        PolicyHistory shipped = Mother.shippedHistory();

        assertThat(shipped.inForceAt(Instant.EPOCH).version()).isEqualTo("baseline.1");
        assertThat(shipped.inForceAt(RULE.minusNanos(1)).version()).isEqualTo("baseline.1");
        assertThat(shipped.inForceAt(RULE).version()).isEqualTo("2026-01-15.1");
        assertThat(shipped.inForceAt(Instant.parse("2030-01-01T00:00:00Z")).version()).isEqualTo("2026-01-15.1");
    }

    @Test
    void ofTwoVersionsEffectiveAtTheSameInstantTheOneAdoptedLaterGoverns() {
        PolicyHistory history = Mother.historyOf(Mother.baseline(), Mother.policy2026(),
                Mother.renamed(Mother.policy2026(), "2026-01-15.2"));

        assertThat(history.inForceAt(RULE).version()).isEqualTo("2026-01-15.2");
        assertThat(history.inForceAt(RULE.minusSeconds(1)).version()).isEqualTo("baseline.1");
    }

    @Test
    void adoptionOrderDoesNotOutrankTheEffectiveInstant() {
        // a version adopted later but effective earlier governs only until the later-effective one
        Policy earlier = Mother.renamed(Mother.policy2026(), "2025-06-01.1");
        Policy early = new Policy(earlier.version(), Instant.parse("2025-06-01T00:00:00Z"), earlier.productRules(),
                earlier.revenueShareRate(), earlier.payee(), earlier.necessity(),
                earlier.reviewThresholdQuantity(), null);
        PolicyHistory history = Mother.historyOf(Mother.baseline(), Mother.policy2026(), early);

        assertThat(history.inForceAt(Instant.parse("2025-07-01T00:00:00Z")).version()).isEqualTo("2025-06-01.1");
        assertThat(history.inForceAt(RULE).version()).isEqualTo("2026-01-15.1");
    }

    @Test
    void aVersionStoredWithoutAnEffectiveInstantGovernsFromItsAdoption() {
        Instant adopted = Instant.parse("2026-11-02T09:00:01Z");
        PolicyHistory history = new PolicyHistory(List.of(
                new PolicyHistory.Adopted(Mother.legacyV1(), adopted, 1),
                new PolicyHistory.Adopted(Mother.baseline(), adopted.plusSeconds(60), 2),
                new PolicyHistory.Adopted(Mother.policy2026(), adopted.plusSeconds(60), 3)));

        assertThat(history.inForceAt(adopted.minusNanos(1)).version()).isEqualTo("2026-01-15.1");
        assertThat(history.inForceAt(adopted).version()).isEqualTo("v1");
        assertThat(Mother.legacyV1().ruleFor(Eligibility.CASE_BY_CASE).clause())
                .isEqualTo(Policy.LEGACY_PRODUCT_CLAUSE);
    }

    @Test
    void beforeEveryEffectiveInstantTheEarliestVersionGoverns() {
        PolicyHistory onlyTheRule = Mother.historyOf(Mother.policy2026());

        assertThat(onlyTheRule.inForceAt(Instant.EPOCH).version()).isEqualTo("2026-01-15.1");
    }
}
