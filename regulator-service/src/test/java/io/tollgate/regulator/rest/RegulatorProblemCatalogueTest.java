package io.tollgate.regulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.DocumentRuleException;
import io.tollgate.eventing.testkit.ProblemCodeScan;
import io.tollgate.regulator.api.ReasonCode;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every code regulator-service can answer is in the error catalogue and in docs/errors.md. */
class RegulatorProblemCatalogueTest {

    @Test
    void everyCodeRegulatorServiceAnswersIsCatalogued() {
        // given: literal codes, the applications' status checks, and the reason codes an officer's
        // refused override or an unacceptable usage scenario carries (Problems maps them by e.code());
        // OFFICER_DENIED is the reason of an officer's own denial, never a refusal of a request
        ProblemCodeScan scan = ProblemCodeScan.ofThisModule()
                .including("requireStatus\\([^;]*?\"([A-Z][A-Z0-9_]+)\"");
        Set<String> answered = new TreeSet<>(scan.codes());
        Arrays.stream(ReasonCode.values()).filter(c -> c != ReasonCode.OFFICER_DENIED)
                .forEach(c -> answered.add(c.name()));
        // the contract's document rules DocumentIntake answers with (by e.code())
        answered.addAll(DocumentRuleException.CODES);
        // when
        var gaps = ProblemCodeScan.catalogueGaps(answered);
        // then
        assertThat(scan.indirectSites()).containsExactlyInAnyOrder("Problems: e.code()", "DocumentIntake: e.code()");
        assertThat(answered).contains("APPLICATION_NOT_IN_REVIEW", "FOUR_EYES_REQUIRED");
        assertThat(gaps).isEmpty();
    }
}
