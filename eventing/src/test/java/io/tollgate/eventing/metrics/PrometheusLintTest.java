package io.tollgate.eventing.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The scrape an operator's Prometheus reads from a real service (eventing's probe application on
 * a real broker, after an order and a dead letter) passes {@code promtool check metrics}: it
 * parses, and no meter of ours, of Axon's or of the JVM's breaks Prometheus' naming rules.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class PrometheusLintTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * The Accept header Prometheus itself sends. It names text/plain, so the service answers in the
     * classic text format, the one {@code promtool check metrics} reads; a bare {@code *}/{@code *}
     * (curl's default) gets OpenMetrics instead, which promtool cannot read.
     */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,"
            + "*/*;q=0.2";

    /**
     * The only findings allowed, none of them on a meter of ours or Axon's:
     * <ul>
     * <li>the Kafka client's own meter names, kept as Kafka names them (its documentation and
     * every Kafka dashboard use them): time in {@code _ns}/{@code _ms}, one gauge ending in
     * {@code _count};</li>
     * <li>Micrometer's standard JVM meters {@code system_cpu_count} and
     * {@code process_cpu_time_ns_total}, which the common JVM dashboards query by these names;</li>
     * <li>the {@code _active_count} and {@code _duration_sum} samples of Quarkus' long-task timer
     * {@code http_server_connections_seconds}: Micrometer writes them under that family's HELP,
     * but the classic text parser does not count them as its samples.</li>
     * </ul>
     */
    private static final List<Pattern> ALLOWED = List.of(
            Pattern.compile("kafka_\\w+_(ns|ms)(_total|_avg|_max)? "
                    + "metric names should not contain abbreviated units"),
            Pattern.compile("(kafka_consumer_connection_count|system_cpu_count) non-histogram and "
                    + "non-summary metrics should not have \"_count\" suffix"),
            Pattern.compile("process_cpu_time_ns_total metric names should not contain abbreviated units"),
            Pattern.compile("http_server_connections_seconds_(active_count|duration_sum) no help text"));

    @Test
    void scrapeParsesAndOnlyThirdPartyNamesKeptOnPurposeHaveLintFindings() {
        // given: an order (Axon's processor meters) and a dead letter (the counter's first use)
        openOrder();
        deadLetter();
        String scrape = await().atMost(WAIT).until(PrometheusLintTest::scrape,
                // the processor's per-message meters appear once it has handled the event, which
                // can be after its latency gauge: wait for the one asserted below
                text -> text.contains("tollgate_consumer_dead_lettered_total{")
                        && text.contains("event_processor_success_messages_total{"));
        RepoFiles.writeTarget("eventing-wiring.prom", scrape);

        // when
        OpsTool.Result result = OpsTool.promtoolWithInput(scrape, "check", "metrics");
        RepoFiles.writeTarget("promtool-check-metrics.txt", result.output());

        // then
        assertThat(result.output()).doesNotContain("error while linting");
        assertThat(findingsNotAllowed(result.output())).as("promtool check metrics").isEmpty();
        // Axon's own camelCase names stay in help texts only, for the reader of Axon's guide
        String samples = Arrays.stream(scrape.split("\n")).filter(l -> !l.startsWith("#"))
                .collect(Collectors.joining("\n"));
        assertThat(samples).doesNotContain("eventProcessor", "payloadType", "processorName")
                .contains("event_processor_success_messages_total{payload_type=");
        assertThat(scrape).doesNotContain("\\\"");
    }

    @Test
    void everyEventingMetricOfTheCatalogueIsInTheScrapeWithItsLabels() {
        // given: the counter registered on the first dead letter
        deadLetter();
        String scrape = await().atMost(WAIT).until(PrometheusLintTest::scrape,
                text -> text.contains("tollgate_consumer_dead_lettered_total{"));
        List<String> samples = Arrays.stream(scrape.split("\n")).filter(l -> !l.startsWith("#"))
                .collect(Collectors.toList());

        for (MetricCatalog.Family family : MetricCatalog.load().families()) {
            if (!family.source().equals("eventing")) {
                continue;
            }
            for (String series : family.seriesNames()) {
                List<String> lines = samples.stream()
                        .filter(l -> l.startsWith(series + "{") || l.startsWith(series + " "))
                        .collect(Collectors.toList());
                assertThat(lines).as(series + " in the scrape").isNotEmpty();
                for (String label : family.labels()) {
                    assertThat(lines).as(series + " labelled " + label)
                            .allMatch(l -> l.contains("{" + label + "=\"")
                                    || l.contains("," + label + "=\""));
                }
            }
        }
    }

    private static void deadLetter() {
        try (KafkaProbe kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers())) {
            kafka.sendRaw(Topics.AUTHORIZATIONS.name(), "lint-" + UUID.randomUUID(),
                    "{not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        }
    }

    private static List<String> findingsNotAllowed(String output) {
        return Arrays.stream(output.split("\n")).filter(line -> !line.isBlank())
                .filter(line -> ALLOWED.stream().noneMatch(p -> p.matcher(line).matches()))
                .collect(Collectors.toList());
    }

    private static void openOrder() {
        given().auth().preemptive().basic(Roles.ERP, TestUsers.password(Roles.ERP))
                .contentType("application/json")
                .body("{\"customerId\":\"lint\",\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                        + "\"quantity\":1}")
                .when().post("/probe/orders").then().statusCode(202);
    }

    /** /q/metrics as the operator's Prometheus reads it. */
    static String scrape() {
        return given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR))
                .accept(PROMETHEUS_ACCEPT)
                .when().get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .extract().asString();
    }
}
