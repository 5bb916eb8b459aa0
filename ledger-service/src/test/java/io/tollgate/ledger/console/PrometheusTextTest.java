package io.tollgate.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.ledger.console.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesKeepTheirLabelsAndValuesAndCommentsAreSkipped() {
        // given
        String scrape = """
                # HELP tollgate_outbox_lag Events not yet published
                # TYPE tollgate_outbox_lag gauge
                tollgate_outbox_lag 3.0
                tollgate_consumer_batch_duration_seconds{group="tollgate.ledger-service",quantile="0.99",} 0.25
                tollgate_ledger_suspense_postings_total{reason="say \\"hi\\", then\\\\go"} 2.0 1700000000000

                process_max_fds +Inf
                """;

        // when
        List<Sample> samples = PrometheusText.parse(scrape);

        // then
        assertThat(samples).containsExactly(
                new Sample("tollgate_outbox_lag", Map.of(), 3.0),
                new Sample("tollgate_consumer_batch_duration_seconds",
                        Map.of("group", "tollgate.ledger-service", "quantile", "0.99"), 0.25),
                new Sample("tollgate_ledger_suspense_postings_total", Map.of("reason", "say \"hi\", then\\go"), 2.0),
                new Sample("process_max_fds", Map.of(), Double.POSITIVE_INFINITY));
    }

    @Test
    void aScrapeAboveTheSampleLimitIsRefused() {
        // given
        String scrape = "m 1\n".repeat(PrometheusText.SAMPLES_MAX + 1);

        // when / then
        assertThatThrownBy(() -> PrometheusText.parse(scrape)).hasMessageContaining("more than "
                + PrometheusText.SAMPLES_MAX);
    }
}
