package io.tollgate.eventing.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.eventing.testkit.ProblemCodeScan;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every code eventing's REST plumbing can answer is in the error catalogue and in docs/errors.md. */
class ProblemCatalogueTest {

    @Test
    void everyCodeEventingAnswersIsCatalogued() {
        // given
        ProblemCodeScan scan = ProblemCodeScan.ofThisModule();
        Set<String> answered = new TreeSet<>(scan.codes());
        // when
        var gaps = ProblemCodeScan.catalogueGaps(answered);
        // then: Violations picks INVALID_FIELD or LIMIT_EXCEEDED, both literal elsewhere too
        assertThat(scan.indirectSites()).containsExactly("Violations: code");
        assertThat(answered).contains("INVALID_FIELD", "LIMIT_EXCEEDED", "CONCURRENT_UPDATE", "BODY_TOO_LARGE");
        assertThat(gaps).isEmpty();
    }

    @Test
    void typeUrisNameTheCatalogueEntryOnTheServingService() {
        // given
        ProblemCatalogue catalogue = ProblemCatalogue.load(getClass().getClassLoader());
        // when
        var entry = catalogue.bySlug("temporarily-unavailable");
        // then
        assertThat(entry).isPresent();
        assertThat(entry.get().type()).isEqualTo("/problems/temporarily-unavailable");
        assertThat(entry.get().retryAfterSeconds()).isEqualTo(ProblemMappers.RETRY_AFTER_SECONDS);
        assertThat(catalogue.bySlug("../etc")).isEmpty();
    }
}
