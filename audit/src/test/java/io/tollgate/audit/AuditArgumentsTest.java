package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad arguments get a message naming what is wrong and exit code 2, before any replay. */
class AuditArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "balances --as-of yesterday | '--as-of' | is not an ISO-8601 instant",
        "balances --as-of 2026-12-01T00:00:00 | '--as-of' | is not an ISO-8601 instant",
        "balances --as-of +10000-01-01T00:00:00Z | '--as-of' | is outside",
        "balances --basis ledger | '--basis' | is not a basis: business or recording",
        "balances --currency usd | '--currency' | is not an ISO 4217 code",
        "balances --currency XAU | '--currency' | with a minor unit",
        "balances --currency ABC | '--currency' | with a minor unit",
        "balances --format xml | '--format' | xml",
        "balances --park-timeout 15m | '--park-timeout' | is not an ISO-8601 duration",
        "balances --park-timeout PT0S | '--park-timeout' | must be a positive duration",
        "balances --stall-timeout 0 | --stall-timeout | must be 1..86400",
        "balances --decode-threads 17 | --decode-threads | must be 0..16",
        "balances --decode-threads many | '--decode-threads' | many",
        "balances --journal /no/such/file.csv | --journal | is not a readable file",
        "balances --kafka-config /no/such/file | --kafka-config | is not a readable file",
        "balances --no-such-option | Unknown option | '--no-such-option'",
        "export | Missing required option | '--format=csv|jsonl'",
        "export --format parquet | '--format' | is not a format: csv or jsonl",
        "export --format csv --from 2026-11-03T00:00:00Z --to 2026-11-02T00:00:00Z"
            + " | --from | is after --to",
        "export --format csv --output /no/such/dir/j.csv | --output | the folder does not exist",
        "compare --ledger-url ftp://ledger | --ledger-url | must be an http or https URL",
        "compare --ledger-url http://bad^host | --ledger-url | is not a URL",
        "compare --user auditor | user auditor | TOLLGATE_AUDIT_PASSWORD",
        "recheck-policy | Missing required option | '--policies=DIR'",
        "recheck-policy --policies /no/such/dir | --policies | is not a directory",
        "recheck-policy --policies . --format xml | '--format' | xml",
        "frobnicate | Unmatched argument | 'frobnicate'"})
    void aBadArgumentIsNamedAndExitsTwo(String commandLine, String names, String says) {
        // when
        AuditRun run = AuditRun.of(Map.of(), commandLine.split(" "));

        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(names).contains(says);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noCommandPrintsTheUsageAndExitsTwo() {
        // when
        AuditRun run = AuditRun.of();

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("balances").contains("compare").contains("export")
                .contains("Exit codes");
    }

    @Test
    void helpExitsZero() {
        // when
        AuditRun run = AuditRun.of("balances", "--help");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--as-of", "--basis", "--currency", "--journal");
    }
}
