package io.tollgate.ledger.journal;

import static io.tollgate.ledger.testing.Events.arriving;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryHasherTest {

    @Test
    void eachEntryHashesItsPredecessorsHashAndItsCanonicalBytes() {
        // given
        InMemoryLedger ledger = InMemoryLedger.withoutTimeouts();
        ledger.post(arriving(requested("o1", "c1", "10.00", "USD")), arriving(granted("o1", "a1")));
        ledger.post(arriving(requested("o2", "c1", "20.00", "USD")), arriving(granted("o2", "a2")));
        List<JournalEntry> journal = ledger.journal();
        EntryHasher hasher = new EntryHasher();
        // then: the chain recomputes from genesis
        String prev = EntryHasher.genesisHex();
        for (JournalEntry e : journal) {
            assertThat(e.prevHashHex()).isEqualTo(prev);
            assertThat(EntryHasher.hex(hasher.hash(EntryHasher.unhex(prev), fields(e, e.draft().postings()))))
                    .isEqualTo(e.hashHex());
            prev = e.hashHex();
        }
        // and a changed amount gives another hash
        JournalEntry first = journal.get(0);
        List<Posting> altered = new ArrayList<>(first.draft().postings());
        Posting p = altered.get(0);
        altered.set(0, new Posting(p.account(), p.currency(), p.side(), p.amountMinor() + 1));
        assertThat(EntryHasher.hex(hasher.hash(EntryHasher.unhex(first.prevHashHex()), fields(first, altered))))
                .isNotEqualTo(first.hashHex());
    }

    private static EntryHasher.Fields fields(JournalEntry e, List<Posting> postings) {
        var d = e.draft();
        return new EntryHasher.Fields(d.entryId(), e.chainId(), e.seq(), d.kind(), d.orderId(), d.source().eventId(),
                d.source().topic(), d.source().partition(), d.source().offset(), d.businessTime(), e.recordedTime(),
                d.source().principal(), postings);
    }
}
