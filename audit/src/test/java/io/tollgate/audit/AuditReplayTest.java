package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.audit.fixture.FixtureHistory;
import io.tollgate.audit.fixture.FixtureHistory.Expected;
import io.tollgate.audit.fixture.HistoryTopics;
import io.tollgate.contracts.WireJson;
import io.tollgate.eventing.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tool against a real broker (the test kit's in-process KRaft node) holding the worked history
 * of docs/ledger-rules.md §11 on topics of three partitions: balances at every worked instant, the
 * export and its round trip, principals in the export, a tampered export refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReplayTest {

    private KafkaBroker broker;

    @BeforeAll
    void publishTheWorkedHistory() {
        broker = KafkaBroker.start();
        HistoryTopics.create(broker, 3);
        FixtureHistory.publish(broker.bootstrapServers());
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void balancesFromTheTopicsAreTheFiguresWorkedByHand() {
        for (Expected expected : FixtureHistory.expected()) {
            // when
            AuditRun run = balances(expected, null);

            // then
            assertThat(run.exitCode()).as(expected.name() + ": " + run.err()).isZero();
            JsonNode json = run.json();
            assertThat(FixtureHistory.rowsOf(json)).as(expected.name())
                    .containsExactlyElementsOf(expected.rows());
            assertThat(json.path("digest").asText()).as(expected.name())
                    .isEqualTo(expected.digest());
            assertThat(json.path("trialBalance").path("USD").asText()).isEqualTo("0.00");
            JsonNode source = json.path("source");
            assertThat(source.path("records").asLong()).isEqualTo(25);
            assertThat(source.path("applied").asLong()).isEqualTo(22);
            assertThat(source.path("duplicates").asLong()).isEqualTo(1);
            assertThat(source.path("held").asLong()).isEqualTo(1);
            assertThat(source.path("refusals").get(0).path("code").asText())
                    .isEqualTo("LEDGER_AMOUNT_OUT_OF_RANGE");
        }
    }

    @ParameterizedTest(name = "--decode-threads {0}")
    @ValueSource(strings = {"0", "1", "3"})
    void everyNumberOfDecodingThreadsGivesTheSameFiguresAndJournal(String threads) {
        // when
        AuditRun run = run("balances", "--format", "json", "--decode-threads", threads);
        AuditRun export = run("export", "--format", "jsonl", "--decode-threads", threads);

        // then
        Expected now = FixtureHistory.expected().get(4);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(FixtureHistory.rowsOf(run.json())).containsExactlyElementsOf(now.rows());
        assertThat(run.json().path("digest").asText()).isEqualTo(now.digest());
        assertThat(export.out()).isEqualTo(run("export", "--format", "jsonl").out());
    }

    @Test
    void theTextReportShowsTheTableTheDigestAndWhatWasRefused() {
        // when
        AuditRun run = run("balances", "--currency", "USD");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("liability:revenue-share:us-treasury", "-7000.00")
                .contains("trial balance: USD 0.00")
                .contains("digest: sha256:", "refused: event " + FixtureHistory.eventId(23))
                .contains("LEDGER_AMOUNT_OUT_OF_RANGE").doesNotContain("JPY");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "jsonl"})
    void anExportReadBackGivesTheSameBalancesAtEveryInstant(String format, @TempDir Path dir) {
        // given
        Path journal = dir.resolve("journal." + format);
        AuditRun export = run("export", "--format", format, "--output", journal.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("exported 15 of 15 entries");

        for (Expected expected : FixtureHistory.expected()) {
            // when
            AuditRun reread = balances(expected, journal);

            // then
            assertThat(reread.exitCode()).as(reread.err()).isZero();
            assertThat(FixtureHistory.rowsOf(reread.json())).as(expected.name())
                    .containsExactlyElementsOf(expected.rows());
            assertThat(reread.json().path("digest").asText()).as(expected.name())
                    .isEqualTo(expected.digest());
        }
    }

    @Test
    void anExportUpToAnInstantHoldsExactlyWhatBalancesAsOfItSum(@TempDir Path dir) {
        // given
        Path journal = dir.resolve("to-1230.jsonl");
        String at = FixtureHistory.at("12:30:00").toString();

        // when
        AuditRun export = run("export", "--format", "jsonl", "--to", at, "-o", journal.toString());
        AuditRun reread = run("balances", "--journal", journal.toString(), "--format", "json");

        // then
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("exported 12 of 15 entries");
        Expected at1230 = FixtureHistory.expected().get(2);
        assertThat(at1230.at()).hasToString(at);
        assertThat(reread.json().path("digest").asText()).isEqualTo(at1230.digest());
    }

    @Test
    void theExportNamesWhoCausedEachEntry() {
        // when
        AuditRun export = run("export", "--format", "csv");

        // then
        List<String> lines = export.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("entry_id,kind,order_id,business_time,recorded_time,"
                + "source_event_id,source_topic,source_partition,source_offset,source_record_time,"
                + "principal,line,account,currency,side,amount,amount_minor");
        String authorizationB = "0b0108ff-e416-334c-a75a-85293d873b4a,AUTHORIZATION,B,"
                + "2026-11-02T09:20:00Z,2026-11-02T09:25:00Z," + FixtureHistory.eventId(3)
                + ",tollgate.authorizations.v1,";
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(authorizationB)
                .contains(",policy,1,receivable:customer:cust-b,USD,debit,31500.06,3150006"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("ANOMALY,F,", ",officer-7,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("REVERSAL,E,", ",erp,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("PAYMENT,A,", ",treasury,"));
        assertThat(lines).hasSize(1 + 4 + 4 + 4 + 2 + 2 + 4 + 4 + 3 + 4 + 2 + 2 + 4 + 2 + 2 + 2);
    }

    @Test
    void theJsonLinesExportHasOneEntryObjectPerLine() throws IOException {
        // when
        AuditRun export = run("export", "--format", "jsonl");

        // then
        List<String> lines = export.out().lines().toList();
        assertThat(lines).hasSize(15)
                .allSatisfy(l -> assertThat(l).startsWith("{\"entryId\":").endsWith("]}"));
        JsonNode timeout = WireJson.mapper().readTree(lines.get(13));
        assertThat(timeout.path("kind").asText()).isEqualTo("TIMEOUT");
        assertThat(timeout.path("recordedTime").asText()).isEqualTo("2026-11-02T14:15:01Z");
        assertThat(timeout.path("principal").asText()).isEqualTo("treasury");
        assertThat(timeout.path("lines").get(0).path("account").asText())
                .isEqualTo("suspense:unknown-order");
    }

    @Test
    void aJournalChangedAfterItsExportIsRefused(@TempDir Path dir) throws IOException {
        // given an export whose first revenue credit was raised by a cent
        Path journal = dir.resolve("journal.csv");
        run("export", "--format", "csv", "-o", journal.toString());
        String csv = Files.readString(journal, StandardCharsets.UTF_8);
        String changed = csv.replaceFirst("revenue:sales:h200,USD,credit,31500.02,3150002",
                "revenue:sales:h200,USD,credit,31500.03,3150003");
        assertThat(changed).isNotEqualTo(csv);
        Files.writeString(journal, changed, StandardCharsets.UTF_8);

        // when
        AuditRun run = run("balances", "--journal", journal.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("f3ffd1cf-ec6c-3597-b201-29db134102d5", "does not balance");
    }

    private AuditRun balances(Expected expected, Path journal) {
        List<String> args = new ArrayList<>(
                List.of("balances", "--format", "json", "--basis", expected.basis()));
        if (expected.at() != null) {
            args.addAll(List.of("--as-of", expected.at().toString()));
        }
        if (journal != null) {
            args.addAll(List.of("--journal", journal.toString()));
        }
        return run(args.toArray(String[]::new));
    }

    private AuditRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(), "--quiet"));
        return AuditRun.of(all.toArray(String[]::new));
    }
}
