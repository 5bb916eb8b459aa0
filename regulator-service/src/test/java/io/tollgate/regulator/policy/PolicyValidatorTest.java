package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.Eligibility;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

    @Test
    void theShippedHistoryIsTheRulesBeforeAndFromTheFifteenthOfJanuary2026() {
        // when
        List<Policy> shipped = PolicyDocuments.shipped();

        // then
        assertThat(shipped).extracting(Policy::version).containsExactly("baseline.1", "2026-01-15.1");
        assertThat(shipped.get(0).effectiveFrom()).isEqualTo(Instant.EPOCH);
        assertThat(shipped.get(1).effectiveFrom()).isEqualTo(Instant.parse("2026-01-15T05:00:00Z"));
        for (Eligibility e : Eligibility.values()) {
            assertThat(shipped.get(0).ruleFor(e).licensing()).isEqualTo(Licensing.PROHIBITED);
        }
        assertThat(shipped.get(1).ruleFor(Eligibility.CASE_BY_CASE).licensing()).isEqualTo(Licensing.LICENSABLE);
        assertThat(shipped.get(1).ruleFor(Eligibility.NOT_COVERED).licensing()).isEqualTo(Licensing.PROHIBITED);
        assertThat(shipped.get(1).ruleFor(Eligibility.PROHIBITED).licensing()).isEqualTo(Licensing.PROHIBITED);
        assertThat(shipped.get(1).conditions().revenueShareRate()).isEqualTo("0.25");
        assertThat(shipped.get(1).payee()).isEqualTo("US-TREASURY");
        assertThat(shipped.get(1).source()).contains("13 January 2026", "14 January 2026");
    }

    @Test
    void aRateOutsideZeroToOneIsRefusedNamingTheField() {
        Policy p = Mother.policy2026();
        Policy bad = new Policy("v9", p.effectiveFrom(), p.productRules(), "1.5", p.payee(), p.necessity(),
                10, null);

        assertThatThrownBy(() -> PolicyValidator.validate(bad))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("revenueShareRate"));
    }

    @Test
    void aVersionWithoutAnEffectiveInstantIsRefused() {
        Policy p = Mother.policy2026();
        Policy bad = new Policy("v9", null, p.productRules(), "0.25", p.payee(), p.necessity(), 10, null);

        assertThatThrownBy(() -> PolicyValidator.validate(bad))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("effectiveFrom"));
    }

    @Test
    void everyEligibilityNeedsExactlyOneRule() {
        Policy p = Mother.policy2026();
        List<ProductRule> twice = List.of(p.productRules().get(0), p.productRules().get(0),
                p.productRules().get(2));
        Policy missing = new Policy("v9", p.effectiveFrom(), p.productRules().subList(0, 2), "0.25", p.payee(),
                p.necessity(), 10, null);
        Policy duplicate = new Policy("v9", p.effectiveFrom(), twice, "0.25", p.payee(), p.necessity(), 10,
                null);

        assertThatThrownBy(() -> PolicyValidator.validate(missing))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("productRules"));
        assertThatThrownBy(() -> PolicyValidator.validate(duplicate))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("productRules[1].eligibility"));
    }

    @Test
    void aRuleMayNotTakeASharedClauseName() {
        Policy p = Mother.policy2026();
        List<ProductRule> rules = List.of(new ProductRule(Clauses.UNIT_CAP, Eligibility.CASE_BY_CASE,
                Licensing.LICENSABLE, "x"), p.productRules().get(1), p.productRules().get(2));
        Policy bad = new Policy("v9", p.effectiveFrom(), rules, "0.25", p.payee(), p.necessity(), 10, null);

        assertThatThrownBy(() -> PolicyValidator.validate(bad))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("productRules[0].clause"));
    }

    @Test
    void aDocumentWithTheOldFamilyListIsRefusedNamingTheField() {
        Policy legacy = Mother.legacyV1();

        assertThatThrownBy(() -> PolicyValidator.validate(legacy))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("effectiveFrom"));
        Policy withFamilies = new Policy("v9", Instant.EPOCH, Mother.policy2026().productRules(), "0.25",
                "US-TREASURY", null, Mother.policy2026().necessity(), 10, null, legacy.families(),
                Mother.policy2026().destinations());
        assertThatThrownBy(() -> PolicyValidator.validate(withFamilies))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("families"));
    }

    @Test
    void theCnTrackIsCategoriesWithADefaultThatIsNotExempt() {
        Policy p = Mother.policy2026();
        NecessityRule exemptDefault = new NecessityRule("UNIVERSITY_RESEARCH", p.necessity().categories());
        Policy legacyScenario = new Policy("v9", p.effectiveFrom(), p.productRules(), "0.25", "US-TREASURY",
                Mother.legacyV1().usageScenario(), p.necessity(), 10, null, null, p.destinations());

        assertThatThrownBy(() -> PolicyValidator.validate(new Policy("v9", p.effectiveFrom(), p.productRules(),
                "0.25", "US-TREASURY", exemptDefault, 10, null)))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("necessity.defaultCategory"));
        assertThatThrownBy(() -> PolicyValidator.validate(legacyScenario))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("usageScenario"));
        assertThatThrownBy(() -> PolicyValidator.validate(new Policy("v9", p.effectiveFrom(), p.productRules(),
                "0.25", "US-TREASURY", null, 10, null)))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("necessity"));
        assertThat(p.necessity().category(null).orElseThrow().name()).isEqualTo("COMMERCIAL");
        assertThat(p.necessity().category("university_research").orElseThrow().exempt()).isTrue();
    }

    @Test
    void aMissingVersionAndAZeroThresholdAreRefused() {
        Policy p = Mother.policy2026();
        assertThatThrownBy(() -> PolicyValidator.validate(new Policy(null, p.effectiveFrom(), p.productRules(),
                "0.25", "US-TREASURY", p.necessity(), 10, null)))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("version"));
        assertThatThrownBy(() -> PolicyValidator.validate(new Policy("v9", p.effectiveFrom(), p.productRules(),
                "0.25", "US-TREASURY", p.necessity(), 0, null)))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("reviewThresholdQuantity"));
    }

    @Test
    void aPolicyRoundTripsThroughItsJsonDocument() {
        for (Policy p : List.of(Mother.baseline(), Mother.policy2026(), Mother.legacyV1())) {
            assertThat(PolicyDocuments.read(PolicyDocuments.write(p))).isEqualTo(p);
        }
    }
}
