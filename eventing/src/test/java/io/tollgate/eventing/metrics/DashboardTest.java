package io.tollgate.eventing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/dashboards/tollgate.json: valid JSON, every panel's PromQL parses (promtool reads
 * them as recording rules) and names only metrics and labels the services expose, and the
 * figures an operator needs are all on it.
 */
class DashboardTest {

    static final String DASHBOARD = "deploy/grafana/dashboards/tollgate.json";
    private static final String DATASOURCE_UID = "tollgate-prometheus";

    @Test
    void everyPanelExpressionParses() throws IOException {
        // given: each expression as a recording rule, the form promtool checks on its own
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-expressions\n    rules:\n");
        ObjectMapper json = new ObjectMapper();
        expressions().forEach((where, expr) -> rules.append("      - record: dashboard:")
                .append(where.replaceAll("[^a-zA-Z0-9_]", "_")).append("\n        expr: ")
                .append(quoted(json, expr)).append('\n'));
        Path file = RepoFiles.writeTarget("dashboard-expressions.yml", rules.toString());

        // when
        OpsTool.Result result = OpsTool.promtool("check", "rules", file.toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + expressions().size() + " rules found");
    }

    @Test
    void panelsNameOnlyMetricsAndLabelsTheServicesExpose() throws IOException {
        ExpressionCheck check = new ExpressionCheck(MetricCatalog.load());
        List<String> problems = new ArrayList<>();
        expressions().forEach((where, expr) -> {
            problems.addAll(check.problems(where, expr));
            check.pendingMetrics(expr).forEach(m -> problems.add(where + ": " + m + " is not emitted yet"));
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void panelsHaveUniqueIdsAndUseTheProvisionedPrometheus() throws IOException {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard().path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id " + panel.path("id")).isTrue();
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE_UID);
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        }
        assertThat(RepoFiles.read("deploy/grafana/provisioning/datasources/prometheus.yaml"))
                .contains("uid: " + DATASOURCE_UID);
    }

    @Test
    void theFiguresAnOperatorWatchesAreOnTheDashboard() throws IOException {
        String all = String.join("\n", expressions().values());
        assertThat(all).as("consumer lag").contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(all).as("dead letters").contains("tollgate_consumer_dead_lettered_total");
        assertThat(all).as("outbox").contains("tollgate_outbox_lag", "tollgate_outbox_published_total");
        assertThat(all).as("order funnel").contains("tollgate_orders_requested_total",
                "tollgate_orders_authorized_total", "tollgate_orders_denied_total",
                "tollgate_orders_cancelled_total", "tollgate_orders_settled_total");
        assertThat(all).as("revenue share").contains("tollgate_orders_revenue_share_due_total",
                "tollgate_orders_revenue_share_paid_total");
        assertThat(all).as("services up").contains("up{");
    }

    /** Every target's expression, keyed by panel id and refId. */
    private static Map<String, String> expressions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as("expr of panel " + panel.path("title").asText()).isNotBlank();
                out.put("panel_" + panel.path("id").asInt() + "_" + target.path("refId").asText(), expr);
            }
        }
        return out;
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(RepoFiles.read(DASHBOARD));
    }

    /** A JSON string is a valid YAML double-quoted scalar. */
    private static String quoted(ObjectMapper json, String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
