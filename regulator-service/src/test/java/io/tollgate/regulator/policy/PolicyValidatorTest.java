package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.regulator.testdata.Mother;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

    @Test
    void theShippedPolicyIsVersionOneWithTheDefaultConditions() {
        // when
        Policy v1 = Mother.policyV1();

        // then
        assertThat(v1.version()).isEqualTo("v1");
        assertThat(v1.revenueShareRate()).isEqualTo("0.25");
        assertThat(v1.payee()).isEqualTo("US-TREASURY");
        assertThat(v1.usageScenario().minLength()).isEqualTo(40);
        assertThat(v1.conditions().revenueShareRate()).isEqualTo("0.25");
    }

    @Test
    void aRateOutsideZeroToOneIsRefusedNamingTheField() {
        Policy v1 = Mother.policyV1();
        Policy bad = new Policy("v9", v1.families(), "1.5", v1.payee(), v1.usageScenario(), 10);

        assertThatThrownBy(() -> PolicyValidator.validate(bad))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("revenueShareRate"));
    }

    @Test
    void aPatternListedInTwoFamiliesIsRefused() {
        Policy v1 = Mother.policyV1();
        List<ProductFamily> families = List.of(v1.families().get(0),
                new ProductFamily("Dup", "x", Licensing.PROHIBITED, List.of("H200-NVL")));
        Policy bad = new Policy("v9", families, "0.25", "US-TREASURY", v1.usageScenario(), 10);

        assertThatThrownBy(() -> PolicyValidator.validate(bad))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("families[1].skuPatterns[0]"));
    }

    @Test
    void aMissingVersionAndAZeroThresholdAreRefused() {
        Policy v1 = Mother.policyV1();
        assertThatThrownBy(() -> PolicyValidator.validate(new Policy(null, v1.families(), "0.25",
                "US-TREASURY", v1.usageScenario(), 10)))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("version"));
        assertThatThrownBy(() -> PolicyValidator.validate(new Policy("v9", v1.families(), "0.25",
                "US-TREASURY", v1.usageScenario(), 0)))
                .isInstanceOfSatisfying(InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("reviewThresholdQuantity"));
    }

    @Test
    void aPolicyRoundTripsThroughItsJsonDocument() {
        Policy v1 = Mother.policyV1();

        assertThat(PolicyDocuments.read(PolicyDocuments.write(v1))).isEqualTo(v1);
    }
}
