package io.tollgate.eventing.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing operations tool skips a test on a developer's machine and fails it in CI. */
class OpsToolTest {

    private static final String MISSING = "tollgate-no-such-tool";

    @Test
    void aMissingToolFailsTheTestInCi() {
        assertThatThrownBy(() -> OpsTool.require(MISSING, "some-package", "true"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(MISSING + " is not on the PATH")
                .hasMessageContaining("(Debian: apt-get install -y some-package)")
                .hasMessageContaining("CI must install it");
    }

    @Test
    void aMissingToolSkipsTheTestOutsideCi() {
        assertThatThrownBy(() -> OpsTool.require(MISSING, "some-package", null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("skipped outside CI");
    }

    @Test
    void aToolOnThePathIsFound() {
        assertThat(OpsTool.require("sh", "dash", "true")).isExecutable();
    }
}
