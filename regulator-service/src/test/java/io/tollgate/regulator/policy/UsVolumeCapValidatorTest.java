package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.regulator.testdata.Mother;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A version's usVolumeCap section: optional, and every field checked, naming the field. */
class UsVolumeCapValidatorTest {

    @Test
    void theShippedVersionsPassAndOnlyThe2026OneHasACap() {
        assertThat(Mother.policy2026().usVolumeCap()).isNotNull();
        assertThat(Mother.policy2026().usVolumeCap().destinations()).containsExactly("CN", "HK", "MO");
        assertThat(Mother.baseline().usVolumeCap()).isNull();
        assertThatCode(() -> PolicyValidator.validate(Mother.policy2026().withUsVolumeCap(null)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            clause       | NULL
            clause       | Upper-Case
            clause       | unit-cap
            text         | NULL
            ratio        | 0
            ratio        | 0.00
            ratio        | 1.01
            ratio        | 50%
            ratio        | 0.12345
            ratio        | NULL
            destinations | NULL
            destinations | DE
            destinations | cn
            period       | MONTH
            period       | NULL
            waitMax      | PT0.5S
            waitMax      | P367D
            waitMax      | 30 days
            waitMax      | NULL
            """)
    void eachFieldIsCheckedAndNamed(String field, String value) {
        UsVolumeCap c = Mother.policy2026().usVolumeCap();
        UsVolumeCap bad = new UsVolumeCap(
                field.equals("clause") ? value : c.clause(),
                field.equals("text") ? value : c.text(),
                field.equals("ratio") ? value : c.ratio(),
                field.equals("destinations") ? (value == null ? null : List.of(value)) : c.destinations(),
                field.equals("period") ? value : c.period(),
                field.equals("waitMax") ? value : c.waitMax());
        Policy policy = Mother.policy2026().withUsVolumeCap(bad);

        assertThatThrownBy(() -> PolicyValidator.validate(policy))
                .isInstanceOf(InvalidPolicyException.class)
                .satisfies(e -> assertThat(((InvalidPolicyException) e).field()).startsWith("usVolumeCap." + field));
    }

    @ParameterizedTest(name = "ratio {0}, wait {1} is taken")
    @CsvSource({"0.50, P30D", "1, PT1S", "0.3333, P366D", "0.5, PT12H"})
    void theBoundsThemselvesAreTaken(String ratio, String waitMax) {
        UsVolumeCap c = Mother.policy2026().usVolumeCap();
        Policy policy = Mother.policy2026().withUsVolumeCap(new UsVolumeCap(c.clause(), c.text(), ratio,
                c.destinations(), c.period(), waitMax));
        assertThatCode(() -> PolicyValidator.validate(policy)).doesNotThrowAnyException();
    }
}
