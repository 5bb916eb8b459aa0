package io.tollgate.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Prometheus scrapes what the services expose; Grafana's dashboard asks for metrics that exist. */
class OperationsConfigTest {

    /** Micrometer's Prometheus suffixes, longest first. */
    private static final List<String> SUFFIXES = List.of("_seconds_bucket", "_seconds_count",
        "_seconds_sum", "_seconds_max", "_seconds", "_total", "_bucket", "_count", "_sum", "_max");
    private static final Pattern METRIC = Pattern.compile("\\btollgate_[a-z_]+");

    private final List<ServiceConfig> services = ServiceConfig.all();

    @Test
    void prometheusScrapesTheMetricsEndpointOfEveryService() {
        Map<String, Object> config = Yaml.load(Path.of("prometheus/prometheus.yml"));
        List<Object> jobs = Yaml.list(config, "scrape_configs");

        for (ServiceConfig service : services) {
            Object job = jobs.stream().filter(j -> service.name().equals(Yaml.text(j, "job_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no scrape job " + service.name()));
            assertThat(Yaml.text(job, "metrics_path")).isEqualTo(service.metricsPath());
            assertThat(Yaml.list(job, "static_configs/0/targets"))
                .containsExactly(service.name() + ":" + service.httpPort());
        }
    }

    @Test
    void grafanaUsesTheComposePrometheusAsItsDataSource() {
        Map<String, Object> datasources = Yaml.load(Path.of("grafana/provisioning/datasources/prometheus.yaml"));
        Map<String, Object> dashboards = Yaml.load(Path.of("grafana/provisioning/dashboards/tollgate.yaml"));

        assertThat(Yaml.text(datasources, "datasources/0/type")).isEqualTo("prometheus");
        assertThat(Yaml.text(datasources, "datasources/0/url")).isEqualTo("http://prometheus:9090");
        assertThat(Yaml.text(dashboards, "providers/0/options/path")).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void everyTollgateMetricOnTheDashboardIsRegisteredBySomeService() throws IOException {
        // given
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana/dashboards/tollgate.json").toFile());
        String datasourceUid = Yaml.text(Yaml.load(Path.of("grafana/provisioning/datasources/prometheus.yaml")),
            "datasources/0/uid");
        Set<String> registered = registeredMeterNames();
        Set<String> used = new TreeSet<>();

        // when
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
            if (panel.has("datasource")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(datasourceUid);
            }
        }

        // then
        assertThat(used).as("metrics on the dashboard").hasSizeGreaterThanOrEqualTo(8);
        for (String metric : used) {
            assertThat(registered).as("a service registers the meter behind " + metric)
                .contains(meterName(metric));
        }
    }

    @Test
    void deadLetterTopicsAreNamedAfterTheConsumerGroupEachServiceDeclares() throws IOException {
        for (ServiceConfig service : services) {
            // given: the service's consumer takes its group from contracts' KafkaAccess (the ACL
            // table), and eventing names <group>.dlt
            String group = "tollgate." + service.name();
            String reference = "KafkaAccess." + service.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_')
                + ".group()";
            Path sources = ServiceConfig.REPO.resolve(service.name()).resolve("src/main/java");
            boolean declared;
            try (Stream<Path> files = Files.walk(sources)) {
                declared = files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                    try {
                        return Files.readString(f).contains(reference);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }

            // then
            assertThat(declared).as(service.name() + " declares its consumer group as " + reference).isTrue();
            assertThat(io.tollgate.contracts.KafkaAccess.of(service.name()).group()).isEqualTo(group);
            assertThat(io.tollgate.deploy.local.TopicSpec.tollgateTopics())
                .extracting(io.tollgate.deploy.local.TopicSpec::name).contains(group + ".dlt");
        }
    }

    /** tollgate_orders_requested_total -> tollgate.orders.requested */
    private static String meterName(String prometheusName) {
        String base = prometheusName;
        for (String suffix : SUFFIXES) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        return base.replace('_', '.');
    }

    /** Every "tollgate.*" string literal in the main sources of the services and eventing. */
    private static Set<String> registeredMeterNames() {
        Set<String> names = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(tollgate\\.[a-z.]+)\"");
        List<Path> roots = new ArrayList<>();
        for (String module : List.of("eventing", "order-service", "regulator-service", "ledger-service")) {
            roots.add(ServiceConfig.REPO.resolve(module).resolve("src/main/java"));
        }
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        Matcher m = literal.matcher(Files.readString(f));
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
