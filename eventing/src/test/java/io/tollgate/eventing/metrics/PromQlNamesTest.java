package io.tollgate.eventing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading metric and label names out of PromQL, and checking them against the catalogue. */
class PromQlNamesTest {

    @Test
    void metricsAndLabelsAreFoundAndFunctionsKeywordsAndDurationsAreNot() {
        // when
        PromQlNames.Names names = PromQlNames.of("sum by (job, group) (rate(a_total{code=\"X\"}[5m]))"
                + " / on (job) group_left b_seconds_count offset 1h unless c > 2.5e+06");

        // then
        assertThat(names.metrics()).containsExactly("a_total", "b_seconds_count", "c");
        assertThat(names.labels()).containsExactlyInAnyOrder("job", "group", "code");
    }

    @Test
    void aLabelTheMetricDoesNotCarryAndAnUnknownMetricAreReported() {
        // given
        ExpressionCheck check = new ExpressionCheck(MetricCatalog.load());

        String denied = "tollgate_regulator_applications_denied_total";

        // when / then: the regulator's denial counter is labelled reason, not reason_code
        assertThat(check.problems("p", "sum by (reason_code) (rate(" + denied + "[5m]))"))
                .containsExactly("p: label reason_code is on none of [" + denied + "]");
        assertThat(check.problems("p", "sum by (reason) (rate(" + denied + "[5m]))")).isEmpty();
        assertThat(check.problems("p", "tollgate_orders_lost_total"))
                .containsExactly("p: tollgate_orders_lost_total is not in " + MetricCatalog.FILE);
    }

    @Test
    void aMetricProposedButNotEmittedIsReportedAsPending() {
        // given: a catalogue with one proposed metric beside an emitted one
        ExpressionCheck check = new ExpressionCheck(MetricCatalog.parse(String.join("\n",
                "tollgate_ledger_entries_posted_total  counter  ledger-service  -",
                "tollgate_ledger_chains_forked_total   counter  pending         chain")));

        // when / then
        assertThat(check.pendingMetrics("increase(tollgate_ledger_chains_forked_total[1h]) > 0"
                + " and rate(tollgate_ledger_entries_posted_total[5m]) > 0"))
                .containsExactly("tollgate_ledger_chains_forked_total");
        assertThat(check.problems("p", "sum by (chain) (tollgate_ledger_chains_forked_total)")).isEmpty();
    }
}
