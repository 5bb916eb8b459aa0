package io.tollgate.ledger.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.eventing.testkit.ProblemCodeScan;
import org.junit.jupiter.api.Test;

/** Every code ledger-service can answer is in the error catalogue and in docs/errors.md. */
class LedgerProblemCatalogueTest {

    @Test
    void everyCodeLedgerServiceAnswersIsCatalogued() {
        // given
        ProblemCodeScan scan = ProblemCodeScan.ofThisModule();
        // when
        var gaps = ProblemCodeScan.catalogueGaps(scan.codes());
        // then
        assertThat(scan.indirectSites()).isEmpty();
        assertThat(scan.codes()).contains("REBUILD_BUSY", "SHUTTING_DOWN");
        assertThat(gaps).isEmpty();
    }
}
