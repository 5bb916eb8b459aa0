package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.ProductClassification;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.testdata.Mother;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy as a table: every catalogue eligibility (and unknown SKUs) × register standing × unit
 * cap × usage scenario, under the shipped version in force from 15 January 2026, with the outcome,
 * reason codes and deciding clause each row must get.
 */
class PolicyEvaluatorTableTest {

    enum Product {
        H200_SXM("H200-SXM-141GB", null), H200_NVL("H200-NVL", null),
        B100("B100", ReasonCode.PRODUCT_PROHIBITED), B200("B200", ReasonCode.PRODUCT_PROHIBITED),
        B300("B300", ReasonCode.PRODUCT_PROHIBITED),
        GB200("GB200-NVL72", ReasonCode.PRODUCT_PROHIBITED),
        GB300("GB300-NVL72", ReasonCode.PRODUCT_PROHIBITED),
        VR200("VR200", ReasonCode.PRODUCT_PROHIBITED),
        RUBIN("RUBIN-CPX", ReasonCode.PRODUCT_PROHIBITED),
        LOWER_CASE_H200("h200-nvl", null),
        BARE_H200("H200", null),
        H100("H100-SXM", null),
        MI325X("MI325X", null),
        MI300X("MI300X", null),
        H20("H20", ReasonCode.PRODUCT_PROHIBITED),
        MI355X("MI355X", ReasonCode.PRODUCT_PROHIBITED),
        UNKNOWN("A100-80GB", ReasonCode.PRODUCT_UNKNOWN),
        H800("H800", ReasonCode.PRODUCT_UNKNOWN),
        LONGER_THAN_KNOWN("H2000", ReasonCode.PRODUCT_UNKNOWN);

        final String sku;
        final ReasonCode refusal;

        Product(String sku, ReasonCode refusal) {
            this.sku = sku;
            this.refusal = refusal;
        }
    }

    enum Register { DESIGNATED, NOT_DESIGNATED, REVOKED }

    enum Cap { NONE, WITHIN, EXCEEDED }

    enum Scenario {
        GOOD(Mother.GOOD_SCENARIO, null),
        MISSING(null, ReasonCode.USAGE_SCENARIO_MISSING),
        BLANK("   ", ReasonCode.USAGE_SCENARIO_MISSING),
        THIN(Mother.THIN_SCENARIO, ReasonCode.USAGE_SCENARIO_UNACCEPTABLE),
        NO_CATEGORY(Mother.NO_CATEGORY_SCENARIO, ReasonCode.USAGE_SCENARIO_UNACCEPTABLE);

        final String text;
        final ReasonCode code;

        Scenario(String text, ReasonCode code) {
            this.text = text;
            this.code = code;
        }
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Product product : Product.values()) {
            for (Register register : Register.values()) {
                for (Cap cap : Cap.values()) {
                    for (Scenario scenario : Scenario.values()) {
                        rows.add(Arguments.of(product, register, cap, scenario));
                    }
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} cap={2} scenario={3}")
    @MethodSource("table")
    void everyCombinationGetsTheOutcomeAndReasonsOfTheTable(Product product, Register register, Cap cap,
                                                          Scenario scenario) {
        // given
        long quantity = 100;
        CustomerStanding standing = standing(register, cap, quantity);
        ApplicationFacts facts = Mother.documentedFacts(new ApplicationFacts(product.sku, quantity, scenario.text));

        // when
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(), facts, standing,
                PolicyEvaluator.Mode.RULES);

        // then
        Set<ReasonCode> expectedRefusals = new LinkedHashSet<>();
        if (product.refusal != null) {
            expectedRefusals.add(product.refusal);
        }
        if (register == Register.NOT_DESIGNATED) {
            expectedRefusals.add(ReasonCode.CUSTOMER_NOT_DESIGNATED);
        } else if (register == Register.REVOKED) {
            expectedRefusals.add(ReasonCode.CUSTOMER_REVOKED);
        } else if (cap == Cap.EXCEEDED) {
            expectedRefusals.add(ReasonCode.UNIT_CAP_EXCEEDED);
        }
        assertThat(verdict.policyVersion()).isEqualTo("2026-01-15.1");
        if (!expectedRefusals.isEmpty()) {
            assertThat(verdict.outcome()).isEqualTo(Outcome.DENY);
            assertThat(codes(verdict)).containsExactlyElementsOf(expectedRefusals);
            assertThat(verdict.usExport().verdict()).isEqualTo(TrackOutcome.Verdict.REFUSED);
            assertThat(verdict.cnImport()).isNull();
            assertThat(verdict.clause()).isEqualTo(CLAUSE_OF.get(expectedRefusals.iterator().next())
                    .apply(product.sku));
        } else if (scenario.code != null) {
            assertThat(verdict.outcome()).isEqualTo(Outcome.NEEDS_USAGE_SCENARIO);
            assertThat(codes(verdict)).containsExactly(scenario.code);
            assertThat(verdict.cnImport().verdict()).isEqualTo(TrackOutcome.Verdict.PENDING);
            assertThat(verdict.clause()).isEqualTo("commercial-need");
        } else {
            assertThat(verdict.outcome()).isEqualTo(Outcome.GRANT);
            assertThat(verdict.clause()).isEqualTo("case-by-case-h200-class");
            assertThat(verdict.reasons()).isEmpty();
            assertThat(verdict.usExport().verdict()).isEqualTo(TrackOutcome.Verdict.APPROVED);
            assertThat(verdict.cnImport().verdict()).isEqualTo(TrackOutcome.Verdict.APPROVED);
        }
    }

    @ParameterizedTest(name = "quantity {0} → {1}")
    @MethodSource("thresholdRows")
    void quantityAboveTheReviewThresholdGoesToAnOfficer(long quantity, Outcome expected) {
        // given
        ApplicationFacts facts = Mother.documentedFacts(new ApplicationFacts("H200-NVL", quantity, Mother.GOOD_SCENARIO));

        // when
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(), facts, Mother.designated(),
                PolicyEvaluator.Mode.RULES);

        // then
        assertThat(verdict.outcome()).isEqualTo(expected);
    }

    static Stream<Arguments> thresholdRows() {
        return Stream.of(Arguments.of(1L, Outcome.GRANT), Arguments.of(1000L, Outcome.GRANT),
                Arguments.of(1001L, Outcome.NEEDS_REVIEW), Arguments.of(50_000L, Outcome.NEEDS_REVIEW));
    }

    @ParameterizedTest(name = "officer grant of {0} for {1}")
    @MethodSource("officerRows")
    void anOfficerGrantNeverOverridesTheHardRules(Product product, Register register, Cap cap,
                                                  Outcome expected) {
        // given
        ApplicationFacts facts = Mother.documentedFacts(new ApplicationFacts(product.sku, 5000, Mother.THIN_SCENARIO));

        // when
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(), facts, standing(register, cap, 5000),
                PolicyEvaluator.Mode.OFFICER_GRANT);

        // then
        assertThat(verdict.outcome()).isEqualTo(expected);
    }

    static Stream<Arguments> officerRows() {
        return Stream.of(
                Arguments.of(Product.H200_NVL, Register.DESIGNATED, Cap.NONE, Outcome.GRANT),
                Arguments.of(Product.B200, Register.DESIGNATED, Cap.NONE, Outcome.DENY),
                Arguments.of(Product.UNKNOWN, Register.DESIGNATED, Cap.NONE, Outcome.DENY),
                Arguments.of(Product.H200_NVL, Register.REVOKED, Cap.NONE, Outcome.DENY),
                Arguments.of(Product.H200_NVL, Register.NOT_DESIGNATED, Cap.NONE, Outcome.DENY),
                Arguments.of(Product.H200_NVL, Register.DESIGNATED, Cap.EXCEEDED, Outcome.DENY));
    }

    @org.junit.jupiter.api.Test
    void aClaimedUniversityOrResearchExemptionGoesToAnOfficerWhateverTheScenario() {
        for (String scenario : java.util.Arrays.asList(null, Mother.THIN_SCENARIO, Mother.GOOD_SCENARIO)) {
            Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(),
                    Mother.documentedFacts(new ApplicationFacts("H200-NVL", 10, scenario, "UNIVERSITY_RESEARCH")), Mother.designated(),
                    PolicyEvaluator.Mode.RULES);

            assertThat(verdict.outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
            assertThat(verdict.clause()).isEqualTo("university-rd-exemption");
            assertThat(verdict.cnImport().code()).isEqualTo(PolicyEvaluator.EXEMPTION_CLAIMED);
            assertThat(verdict.usExport().verdict()).isEqualTo(TrackOutcome.Verdict.APPROVED);
        }
    }

    @org.junit.jupiter.api.Test
    void anExemptionNeverOpensTheUsTrack() {
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(),
                Mother.documentedFacts(new ApplicationFacts("B200", 10, null, "UNIVERSITY_RESEARCH")), Mother.designated(),
                PolicyEvaluator.Mode.RULES);

        assertThat(verdict.outcome()).isEqualTo(Outcome.DENY);
        assertThat(verdict.clause()).isEqualTo("above-h200-class");
    }

    @org.junit.jupiter.api.Test
    void aCategoryTheVersionDoesNotHaveAsksForDetailNamingTheCategoriesItHas() {
        Verdict verdict = PolicyEvaluator.evaluate(Mother.policy2026(),
                Mother.documentedFacts(new ApplicationFacts("H200-NVL", 10, Mother.GOOD_SCENARIO, "MILITARY")), Mother.designated(),
                PolicyEvaluator.Mode.RULES);

        assertThat(verdict.outcome()).isEqualTo(Outcome.NEEDS_USAGE_SCENARIO);
        assertThat(verdict.reasons().get(0).text()).contains("MILITARY", "COMMERCIAL", "UNIVERSITY_RESEARCH");
        assertThat(verdict.clause()).isEqualTo(Clauses.USAGE_SCENARIO);
    }

    @org.junit.jupiter.api.Test
    void aVersionStoredBeforeCategoriesJudgesEveryBuyerByItsOneScenarioRule() {
        Policy legacy = Mother.legacyV1();
        Verdict thin = PolicyEvaluator.evaluate(legacy, Mother.documentedFacts(new ApplicationFacts("H200-NVL", 10, Mother.THIN_SCENARIO)),
                Mother.designated(), PolicyEvaluator.Mode.RULES);
        Verdict good = PolicyEvaluator.evaluate(legacy, Mother.documentedFacts(new ApplicationFacts("H200-NVL", 10, Mother.GOOD_SCENARIO)),
                Mother.designated(), PolicyEvaluator.Mode.RULES);

        assertThat(thin.outcome()).isEqualTo(Outcome.NEEDS_USAGE_SCENARIO);
        assertThat(thin.clause()).isEqualTo(Clauses.USAGE_SCENARIO);
        assertThat(good.outcome()).isEqualTo(Outcome.GRANT);
        assertThat(good.clause()).isEqualTo(Policy.LEGACY_PRODUCT_CLAUSE);
    }

    /** The clause a refusal of each code names (a product refusal: the rule for its eligibility). */
    private static final Map<ReasonCode, Function<String, String>> CLAUSE_OF = Map.of(
            ReasonCode.PRODUCT_UNKNOWN, sku -> Clauses.PRODUCT_CATALOGUE,
            ReasonCode.PRODUCT_PROHIBITED, sku -> Mother.policy2026()
                    .ruleFor(ProductCatalogue.standard().classify(sku).eligibility()).clause(),
            ReasonCode.CUSTOMER_NOT_DESIGNATED, sku -> Clauses.DESIGNATED_REGISTER,
            ReasonCode.CUSTOMER_REVOKED, sku -> Clauses.DESIGNATED_REGISTER,
            ReasonCode.UNIT_CAP_EXCEEDED, sku -> Clauses.UNIT_CAP);

    /**
     * The regulator refuses a product as unknown exactly when the contract's catalogue — which
     * order-service names the family by — does not know it: an H100 cannot be hopper revenue in the
     * ledger and PRODUCT_UNKNOWN here, whatever the version in force.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCataloguedPatternAndSomeUnknowns")
    void theRegulatorAndTheCatalogueAgreeOnWhatIsUnknown(String sku) {
        ProductClassification c = ProductCatalogue.standard().classify(sku);
        for (Policy policy : List.of(Mother.baseline(), Mother.policy2026(), Mother.legacyV1())) {
            Verdict verdict = PolicyEvaluator.evaluate(policy, Mother.documentedFacts(new ApplicationFacts(sku, 1, Mother.GOOD_SCENARIO)),
                    Mother.designated(), PolicyEvaluator.Mode.RULES);
            assertThat(codes(verdict).contains(ReasonCode.PRODUCT_UNKNOWN)).as(policy.version())
                    .isEqualTo(!c.known());
            assertThat(c.family().equals(ProductCatalogue.UNKNOWN_FAMILY)).isEqualTo(!c.known());
        }
    }

    static Stream<String> everyCataloguedPatternAndSomeUnknowns() {
        Stream<String> catalogued = ProductCatalogue.standard().products().stream()
                .flatMap(p -> p.skuPatterns().stream())
                .map(pattern -> pattern.endsWith("*") ? pattern.replace("*", "X1") : pattern);
        return Stream.concat(catalogued, Stream.of("H800", "A100-80GB", "GH200-480GB", "H2000", "MI250X"));
    }

    private static CustomerStanding standing(Register register, Cap cap, long quantity) {
        Long capUnits = cap == Cap.NONE ? null : 10_000L;
        long used = cap == Cap.EXCEEDED ? 10_000L - quantity + 1 : cap == Cap.WITHIN ? 10_000L - quantity : 0;
        CustomerStanding.Status status = register == Register.DESIGNATED ? CustomerStanding.Status.DESIGNATED
                : register == Register.REVOKED ? CustomerStanding.Status.REVOKED
                : CustomerStanding.Status.NOT_DESIGNATED;
        if (status == CustomerStanding.Status.NOT_DESIGNATED) {
            return CustomerStanding.notDesignated(Mother.CUSTOMER, Mother.QUARTER);
        }
        return new CustomerStanding(Mother.CUSTOMER, status, capUnits, Mother.QUARTER, used);
    }

    private static List<ReasonCode> codes(Verdict verdict) {
        return verdict.reasons().stream().map(Reason::code).collect(Collectors.toList());
    }
}
