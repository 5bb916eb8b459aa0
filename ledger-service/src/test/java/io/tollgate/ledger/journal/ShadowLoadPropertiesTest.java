package io.tollgate.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.OrderState;
import io.tollgate.ledger.posting.PostingEngine;
import io.tollgate.ledger.posting.UnpostableEventException;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.Histories;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A rebuild's in-memory working set seals exactly the entries (ids, chains, sequence numbers,
 * hashes) that posting the same events as a batch seals, and an event it refuses changes nothing.
 */
class ShadowLoadPropertiesTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    /** A recording instant with nanoseconds: both must cut it to the microsecond alike. */
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456789Z");

    @Provide
    Arbitrary<List<Histories.OrderSpec>> histories() {
        return Histories.orders().list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 200)
    void sealsWhatABatchSeals(@ForAll("histories") List<Histories.OrderSpec> specs, @ForAll long layoutSeed,
                              @ForAll long seed) {
        // given one consumer's view of partition logs with redelivered duplicates
        List<LedgerEvent> events = Histories.interleave(Histories.partitionLogs(specs, layoutSeed, 150), seed);
        BatchPoster poster = new BatchPoster(new PostingEngine(TIMEOUT));
        // when one batch posts them, and the working set applies them one by one and expires what is due
        BatchPoster.Outcome batch = poster.post(events, new HashMap<>(), new HashSet<>(), new HashMap<>(), NOW,
                List.of());
        ShadowLoad load = load(poster);
        events.forEach(load::apply);
        // then the entries are the same, in the same chains and places, with the same hashes
        assertThat(keys(load.pending())).isEqualTo(keys(batch.entries()));
    }

    @Example
    void refusedEventLeavesTheWorkingSetAsItWas() {
        // given an order with as many waiting payments as it may hold
        ShadowLoad load = load(new BatchPoster(new PostingEngine(TIMEOUT)));
        for (int i = 0; i < OrderState.PARKED_PAYMENTS_MAX; i++) {
            load.apply(payment("o-1"));
        }
        int entries = load.pending().size();
        LedgerEvent refused = payment("o-1");
        // when one more arrives, then it is refused, and again when it comes back: nothing recorded it
        assertThatThrownBy(() -> load.apply(refused)).isInstanceOf(UnpostableEventException.class);
        assertThatThrownBy(() -> load.apply(refused)).isInstanceOf(UnpostableEventException.class);
        assertThat(load.pending()).hasSize(entries);
        // and another order goes on
        assertThat(load.apply(Events.arriving(Events.requested("o-2", "c", "100.00", "USD")))).isZero();
        assertThat(load.orders()).isEqualTo(2);
    }

    private static LedgerEvent payment(String orderId) {
        return Events.arriving(Events.paid(orderId, "auth-" + orderId, "1.00", "USD"), UUID.randomUUID().toString(),
                NOW);
    }

    private static ShadowLoad load(BatchPoster poster) {
        return new ShadowLoad(new JournalStore(1_000, JournalStore.SHADOW), poster,
                Clock.fixed(NOW, ZoneOffset.UTC), 1_000);
    }

    private static List<String> keys(List<JournalEntry> entries) {
        return entries.stream().map(e -> e.draft().entryId() + " " + e.chainId() + "#" + e.seq() + " "
                + e.prevHashHex() + " " + e.hashHex() + " " + e.recordedTime()).toList();
    }
}
