package io.tollgate.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.figures.Basis;
import io.tollgate.audit.figures.Cut;
import io.tollgate.audit.fixture.FixtureHistory;
import io.tollgate.audit.fixture.FixtureHistory.Expected;
import io.tollgate.audit.fixture.FixtureHistory.FixtureRecord;
import io.tollgate.contracts.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * docs/ledger-rules.md §1 and §10: whichever way the two topics interleave (each in its own
 * order), the rules give the same entries when no wait times out, and the same business-basis
 * balances and digests at the worked instants whatever times out.
 */
class InterleavingPropertiesTest {

    @Property(tries = 300)
    void everyInterleavingGivesTheSameEntriesWhenNoWaitTimesOut(@ForAll long seed) {
        // given a park timeout no wait of the history reaches
        Duration never = Duration.ofDays(365);

        // when
        Set<String> inTimestampOrder = entries(FixtureHistory.records(), never);
        Set<String> interleaved = entries(interleave(seed), never);

        // then
        assertThat(interleaved).isEqualTo(inTimestampOrder);
    }

    @Property(tries = 300)
    void everyInterleavingGivesTheWorkedBusinessFigures(@ForAll long seed) {
        // given
        List<Entry> journal = new ArrayList<>();
        Rulebook rules = new Rulebook(Rulebook.PARK_TIMEOUT_DEFAULT, journal::add);

        // when
        feed(rules, interleave(seed));

        // then
        for (Expected expected : FixtureHistory.expected()) {
            if (!"business".equals(expected.basis())) {
                continue;
            }
            Balances balances = new Balances(new Cut(Basis.BUSINESS, expected.at()), null);
            journal.forEach(balances);
            // Timed-out payments pass through suspense:unknown-order; balances stay the same.
            assertThat(nonZeroBalances(WorkedHistoryTest.rows(balances))).as(expected.name())
                    .isEqualTo(nonZeroBalances(expected.rows()));
            assertThat(balances.digest()).as(expected.name()).isEqualTo(expected.digest());
        }
    }

    private static List<String> nonZeroBalances(List<FixtureHistory.ExpectedRow> rows) {
        List<String> out = new ArrayList<>();
        for (FixtureHistory.ExpectedRow r : rows) {
            BigDecimal balance = new BigDecimal(r.debits()).subtract(new BigDecimal(r.credits()));
            if (balance.signum() != 0) {
                out.add(r.account() + " " + r.currency() + " " + balance.toPlainString());
            }
        }
        return out;
    }

    /** The two topics' records merged at random, each topic in its own order. */
    private static List<FixtureRecord> interleave(long seed) {
        Random random = new Random(seed);
        Deque<FixtureRecord> orders = new ArrayDeque<>();
        Deque<FixtureRecord> decisions = new ArrayDeque<>();
        for (FixtureRecord r : FixtureHistory.records()) {
            (r.topic().equals(Topics.ORDERS.name()) ? orders : decisions).add(r);
        }
        List<FixtureRecord> out = new ArrayList<>();
        while (!orders.isEmpty() || !decisions.isEmpty()) {
            boolean takeOrder = decisions.isEmpty() || !orders.isEmpty() && random.nextBoolean();
            out.add((takeOrder ? orders : decisions).poll());
        }
        return out;
    }

    private static Set<String> entries(List<FixtureRecord> records, Duration parkTimeout) {
        List<Entry> journal = new ArrayList<>();
        feed(new Rulebook(parkTimeout, journal::add), records);
        return journal.stream()
                .map(e -> e.id() + " " + e.kind() + " " + e.businessTime() + " " + e.lines())
                .collect(Collectors.toSet());
    }

    private static void feed(Rulebook rules, List<FixtureRecord> records) {
        WorkedHistoryTest.feed(rules, records);
    }
}
