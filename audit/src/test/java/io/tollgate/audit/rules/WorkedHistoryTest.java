package io.tollgate.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.figures.BalanceRow;
import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.figures.Basis;
import io.tollgate.audit.figures.Cut;
import io.tollgate.audit.fixture.FixtureHistory;
import io.tollgate.audit.fixture.FixtureHistory.Expected;
import io.tollgate.audit.fixture.FixtureHistory.ExpectedRow;
import io.tollgate.audit.fixture.FixtureHistory.FixtureRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tool's rules replay the history of docs/ledger-rules.md §11 to the figures worked there. */
class WorkedHistoryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theWorkedHistoryGivesTheHandWorkedBalancesAndDigestAtEveryInstant() {
        // given
        List<Entry> journal = replay(FixtureHistory.records());

        // then
        for (Expected expected : FixtureHistory.expected()) {
            Balances balances = new Balances(cutOf(expected), null);
            journal.forEach(balances);
            assertThat(rows(balances)).as(expected.name())
                    .containsExactlyElementsOf(expected.rows());
            assertThat(balances.digest()).as(expected.name()).isEqualTo(expected.digest());
            assertThat(balances.trialBalance().values()).as(expected.name()).containsOnly(0L);
        }
    }

    @Test
    void theWorkedHistoryGivesTheDocumentsEntries() {
        // when
        List<Entry> journal = replay(FixtureHistory.records());

        // then: the fifteen entries of §11, their kinds, and the ids the document gives
        assertThat(journal).extracting(e -> e.kind() + " " + e.orderId()).containsExactly(
                "AUTHORIZATION A", "AUTHORIZATION B", "AUTHORIZATION D", "PAYMENT D", "PAYMENT A",
                "AUTHORIZATION E", "REVERSAL E", "PAYMENT A", "AUTHORIZATION F", "ANOMALY F",
                "PAYMENT F", "REVERSAL B", "PAYMENT C", "TIMEOUT G", "PAYMENT A");
        Map<String, String> ids = journal.stream().collect(Collectors.toMap(
                e -> e.kind() + " " + e.orderId(), Entry::id, (a, b) -> a));
        assertThat(ids).containsEntry("AUTHORIZATION A", "f3ffd1cf-ec6c-3597-b201-29db134102d5")
                .containsEntry("AUTHORIZATION B", "0b0108ff-e416-334c-a75a-85293d873b4a")
                .containsEntry("REVERSAL E", "023a3d4e-ddde-3778-beef-b49d1ebc37bb")
                .containsEntry("ANOMALY F", "9642d5fb-9a0d-3932-a972-22d5bd6c2c70")
                .containsEntry("REVERSAL B", "06e79dfb-a2a7-3439-9837-cc6c87081e71")
                .containsEntry("TIMEOUT G", "258399f1-9e1e-3f2c-b6e0-0dbf83502bdf");
        Entry authorizationB = journal.get(1);
        assertThat(authorizationB.businessTime()).isEqualTo(FixtureHistory.at("09:20:00"));
        assertThat(authorizationB.recordedTime()).isEqualTo(FixtureHistory.at("09:25:00"));
        assertThat(authorizationB.source().principal()).isEqualTo("policy");
        Entry timeout = journal.get(13);
        assertThat(timeout.recordedTime()).isEqualTo(FixtureHistory.at("14:15:01"));
        assertThat(journal.get(3).businessTime()).as("payment D: the later of its and the grant's")
                .isEqualTo(FixtureHistory.at("09:40:00"));
        assertThat(journal.get(6).businessTime()).as("reversal E: the later of cancel and grant")
                .isEqualTo(FixtureHistory.at("10:05:00"));
    }

    @Test
    void theDuplicateIsSkippedTheOversizedOrderRefusedAndItsGrantHeld() {
        // given
        Rulebook rules = new Rulebook(Rulebook.PARK_TIMEOUT_DEFAULT, e -> { });

        // when
        feed(rules, FixtureHistory.records());

        // then
        Rulebook.Tally tally = rules.tally();
        assertThat(tally.applied()).isEqualTo(22);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.refused()).isEqualTo(1);
        assertThat(tally.held()).isEqualTo(1);
        assertThat(tally.entries()).isEqualTo(15);
        assertThat(tally.suspended()).as("G's payment stays in suspense:unknown-order")
                .isEqualTo(1);
        assertThat(tally.waiting()).isZero();
        assertThat(tally.anomalies()).as("F's denial after its grant").isEqualTo(1);
        assertThat(tally.refusals()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(FixtureHistory.eventId(23));
            assertThat(r.code()).isEqualTo("LEDGER_AMOUNT_OUT_OF_RANGE");
            assertThat(r.reason()).contains("grossAmount");
        });
    }

    static List<Entry> replay(List<FixtureRecord> records) {
        List<Entry> journal = new ArrayList<>();
        Rulebook rules = new Rulebook(Rulebook.PARK_TIMEOUT_DEFAULT, journal::add);
        feed(rules, records);
        return journal;
    }

    /** In the given order; partitions and offsets as if each topic had one partition. */
    static void feed(Rulebook rules, List<FixtureRecord> records) {
        long offset = 0;
        for (FixtureRecord r : records) {
            Source source = new Source(r.envelope().id(), r.topic(), 0, offset++, r.timestamp(),
                    principalOf(r));
            rules.advanceClock(r.timestamp());
            rules.offer(source, r.envelope().event());
        }
        rules.advanceClock(NOW);
    }

    private static String principalOf(FixtureRecord r) {
        return io.tollgate.audit.replay.RecordDecoderAccess.principalOf(r.envelope().event());
    }

    private static Cut cutOf(Expected expected) {
        Basis basis = "recording".equals(expected.basis()) ? Basis.RECORDING : Basis.BUSINESS;
        return new Cut(basis, expected.at());
    }

    static List<ExpectedRow> rows(Balances balances) {
        List<ExpectedRow> rows = new ArrayList<>();
        for (BalanceRow r : balances.rows()) {
            rows.add(new ExpectedRow(r.account(), r.currency(), r.decimal(r.debitsMinor()),
                    r.decimal(r.creditsMinor())));
        }
        return rows;
    }
}
