package io.tollgate.eventing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/rules: Prometheus accepts the alert rules, their unit tests pass, and they
 * name only metrics the services expose (or say which proposed metric they wait for).
 */
class AlertRulesTest {

    static final String RULES = "deploy/prometheus/rules/tollgate-alerts.yml";
    static final List<String> RULE_TESTS = List.of("deploy/prometheus/rules/tollgate-alerts.test.yml",
            "deploy/prometheus/rules/tollgate-alerts-money.test.yml");

    /** One alerting rule as written: its name, expression and whole text. */
    record Rule(String alert, String expr, String text) {
    }

    @Test
    void promtoolAcceptsTheRules() {
        // when
        OpsTool.Result result = OpsTool.promtool("check", "rules", RepoFiles.path(RULES).toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + rules().size() + " rules found");
    }

    @Test
    void everyRuleUnitTestPasses() {
        for (String file : RULE_TESTS) {
            // when
            OpsTool.Result result = OpsTool.promtool("test", "rules", RepoFiles.path(file).toString());

            // then
            assertThat(result.exitCode()).as(file + ":\n" + result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
        }
    }

    @Test
    void everySituationAnOperatorMustHearAboutHasAnAlertWithAUnitTest() {
        List<String> alerts = rules().stream().map(Rule::alert).collect(Collectors.toList());
        String tests = RULE_TESTS.stream().map(RepoFiles::read).collect(Collectors.joining("\n"));

        assertThat(alerts).contains("TollgateServiceDown", "TollgateConsumerLagGrowing",
                "TollgateDeadLettersArriving", "TollgateOutboxStuck", "TollgateOutboxLagHigh",
                "TollgateEventsParkedTooLong", "TollgateRevenueShareOverdue",
                "TollgateAuditVerifyFailed", "TollgateAnchoringStopped");
        for (String alert : alerts) {
            assertThat(tests).as("a unit test of " + alert).contains("alertname: " + alert + "\n");
        }
    }

    @Test
    void rulesNameOnlyCataloguedMetricsAndLabelThoseThatAreNotEmittedYet() {
        ExpressionCheck check = new ExpressionCheck(MetricCatalog.load());
        List<String> problems = new ArrayList<>();
        for (Rule rule : rules()) {
            problems.addAll(check.problems(rule.alert(), rule.expr()));
            for (String pending : check.pendingMetrics(rule.expr())) {
                if (!rule.text().contains("pending_metric: \"" + pending + "\"")) {
                    problems.add(rule.alert() + " names " + pending
                            + " (not emitted yet) without label pending_metric");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The alerting rules of the file, read line by line (a rule starts at "- alert:"). */
    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        String[] lines = RepoFiles.read(RULES).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().startsWith("- alert:")) {
                continue;
            }
            int indent = indent(lines[i]);
            StringBuilder text = new StringBuilder(lines[i]).append('\n');
            String expr = null;
            int j = i + 1;
            for (; j < lines.length && !lines[j].isBlank() && indent(lines[j]) > indent; j++) {
                text.append(lines[j]).append('\n');
                if (lines[j].strip().startsWith("expr:")) {
                    expr = expression(lines, j);
                }
            }
            String alert = lines[i].strip().substring("- alert:".length()).strip();
            rules.add(new Rule(alert, expr, text.toString()));
            i = j - 1;
        }
        return rules;
    }

    /** The expression of an "expr:" line: inline, or a folded block of deeper-indented lines. */
    private static String expression(String[] lines, int at) {
        String inline = lines[at].strip().substring("expr:".length()).strip();
        if (!inline.startsWith(">") && !inline.startsWith("|")) {
            return inline;
        }
        StringBuilder block = new StringBuilder();
        for (int k = at + 1; k < lines.length && indent(lines[k]) > indent(lines[at]); k++) {
            block.append(lines[k].strip()).append(' ');
        }
        return block.toString().strip();
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
