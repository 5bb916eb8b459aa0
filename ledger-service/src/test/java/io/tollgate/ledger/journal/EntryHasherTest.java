package io.tollgate.ledger.journal;

import static io.tollgate.ledger.testing.Events.arriving;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.grantedUnder;
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
                d.source().principal(), postings, d.source().policyVersion(), d.source().policyClause());
    }

    @Test
    void theDecisionIsHashedAndAnEntryWithoutOneHashesAsBeforeDecisionsWereRecorded() {
        // given
        InMemoryLedger ledger = InMemoryLedger.withoutTimeouts();
        ledger.post(arriving(requested("o1", "c1", "10.00", "USD")),
                arriving(grantedUnder("o1", "a1", "2026-01-15.1", "case-by-case-h200-class")));
        JournalEntry e = ledger.journal().get(0);
        var d = e.draft();
        EntryHasher hasher = new EntryHasher();
        byte[] genesis = EntryHasher.genesis();

        // when
        String stored = EntryHasher.hex(hasher.hash(genesis, fields(e, d.postings())));
        String otherClause = EntryHasher.hex(hasher.hash(genesis, new EntryHasher.Fields(d.entryId(), e.chainId(),
                e.seq(), d.kind(), d.orderId(), d.source().eventId(), d.source().topic(), d.source().partition(),
                d.source().offset(), d.businessTime(), e.recordedTime(), d.source().principal(), d.postings(),
                "2026-01-15.1", "presumption-of-denial")));
        String none = EntryHasher.hex(hasher.hash(genesis, new EntryHasher.Fields(d.entryId(), e.chainId(),
                e.seq(), d.kind(), d.orderId(), d.source().eventId(), d.source().topic(), d.source().partition(),
                d.source().offset(), d.businessTime(), e.recordedTime(), d.source().principal(), d.postings(),
                null, null)));
        String withoutDecisionFields = EntryHasher.hex(hasher.hash(genesis, new EntryHasher.Fields(d.entryId(),
                e.chainId(), e.seq(), d.kind(), d.orderId(), d.source().eventId(), d.source().topic(),
                d.source().partition(), d.source().offset(), d.businessTime(), e.recordedTime(),
                d.source().principal(), d.postings())));

        // then
        assertThat(d.source().policyClause()).isEqualTo("case-by-case-h200-class");
        assertThat(stored).isEqualTo(e.hashHex()).isNotEqualTo(otherClause).isNotEqualTo(none);
        assertThat(none).isEqualTo(withoutDecisionFields);
    }
}
