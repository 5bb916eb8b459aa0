package io.tollgate.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.ledger.balance.BalanceLine;
import io.tollgate.ledger.journal.JournalEntry;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.Histories;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the ledger promises about arrival order. Without timeouts: the multiset of entries (ids,
 * kinds, sources, business times, postings), every balance (debits and credits) and the parked
 * count are the same for every interleaving of the two topics and every redelivery. With timeouts
 * firing at arbitrary moments: the final balances and digest, once everything has arrived, are still
 * the same. Every batch leaves the trial balance at zero in every currency.
 */
class InterleavingPropertiesTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final Instant FAR_FUTURE = Events.T0.plus(Duration.ofDays(3650));

    @Provide
    Arbitrary<List<Histories.OrderSpec>> histories() {
        return Histories.orders().list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    void entriesAndBalancesDoNotDependOnInterleavingOrRedelivery(
            @ForAll("histories") List<Histories.OrderSpec> specs, @ForAll long layoutSeed, @ForAll long seedA,
            @ForAll long seedB) {
        // given the same partition logs, with redelivered duplicates in them
        Map<String, List<LedgerEvent>> logs = Histories.partitionLogs(specs, layoutSeed, 150);
        // when two consumers see them in different interleavings and batches, one re-posting batches
        InMemoryLedger a = consume(Histories.interleave(logs, seedA), seedA, false);
        InMemoryLedger b = consume(Histories.interleave(logs, seedB), seedB, true);
        // then
        assertThat(drafts(b)).containsExactlyInAnyOrderElementsOf(drafts(a));
        assertThat(b.balances().lines()).isEqualTo(a.balances().lines());
        assertThat(b.balances().digest()).isEqualTo(a.balances().digest());
        assertThat(b.parked()).isEqualTo(a.parked());
    }

    @Property(tries = 300)
    void finalBalancesDoNotDependOnWhenTimeoutsFire(
            @ForAll("histories") List<Histories.OrderSpec> specs, @ForAll long layoutSeed, @ForAll long seedA,
            @ForAll long seedB) {
        // given
        Map<String, List<LedgerEvent>> logs = Histories.partitionLogs(specs, layoutSeed, 100);
        InMemoryLedger inTime = consume(Histories.interleave(logs, seedA), seedA, false);
        // when the other ledger's clock runs ahead, so waiting payments time out into suspense on the way
        InMemoryLedger late = new InMemoryLedger(TIMEOUT);
        Random random = new Random(seedB);
        Instant now = Events.T0;
        for (List<LedgerEvent> batch : Histories.batches(Histories.interleave(logs, seedB), random)) {
            now = now.plusSeconds(random.nextInt(90));
            late.post(batch, now, true);
            assertTrialBalanceIsZero(late);
        }
        // and both have seen everything and let every remaining wait run out
        inTime.expire(FAR_FUTURE);
        late.expire(FAR_FUTURE);
        // then
        assertThat(nonZero(late)).isEqualTo(nonZero(inTime));
        assertThat(late.balances().digest()).isEqualTo(inTime.balances().digest());
        assertThat(late.parked()).isEqualTo(inTime.parked());
    }

    @Property(tries = 200)
    void everyEntryBalancesAndTheTrialBalanceIsZeroAfterEveryStep(
            @ForAll("histories") List<Histories.OrderSpec> specs, @ForAll long seed) {
        InMemoryLedger ledger = new InMemoryLedger(TIMEOUT);
        Instant now = Events.T0;
        for (LedgerEvent event : Histories.interleave(Histories.partitionLogs(specs, seed, 100), seed)) {
            now = now.plusSeconds(7);
            for (JournalEntry e : ledger.post(List.of(event), now, true)) {
                EntryDraft.requireBalanced(e.draft().postings());
            }
            assertTrialBalanceIsZero(ledger);
        }
    }

    private static InMemoryLedger consume(List<LedgerEvent> events, long seed, boolean repostBatches) {
        // Same timeout as the other ledger, but its clock never moves during the run: nothing expires.
        InMemoryLedger ledger = new InMemoryLedger(TIMEOUT);
        Random random = new Random(seed);
        for (List<LedgerEvent> batch : Histories.batches(events, random)) {
            ledger.post(batch, Events.T0, false);
            if (repostBatches && random.nextInt(4) == 0) {
                // A crash after the database commit but before the offset commit: the batch comes again.
                assertThat(ledger.post(batch, Events.T0, false)).isEmpty();
            }
        }
        return ledger;
    }

    private static List<EntryDraft> drafts(InMemoryLedger ledger) {
        return ledger.journal().stream().map(JournalEntry::draft).toList();
    }

    private static Map<String, Long> nonZero(InMemoryLedger ledger) {
        Map<String, Long> out = new TreeMap<>();
        for (BalanceLine l : ledger.balances().lines()) {
            if (l.balanceMinor() != 0) {
                out.put(l.account() + " " + l.currency(), l.balanceMinor());
            }
        }
        return out;
    }

    private static void assertTrialBalanceIsZero(InMemoryLedger ledger) {
        assertThat(ledger.balances().trialBalance().values()).allMatch(v -> v == 0L);
    }
}
