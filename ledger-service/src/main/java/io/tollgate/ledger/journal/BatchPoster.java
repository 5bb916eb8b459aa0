package io.tollgate.ledger.journal;

import io.tollgate.ledger.posting.EntryDraft;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.OrderState;
import io.tollgate.ledger.posting.PostingEngine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of events to a working set of order states and seals the released entries into
 * their hash chains. Pure: the caller loads the working set (from memory or the database) and stores
 * the outcome, in one transaction.
 */
public final class BatchPoster {

    private final PostingEngine engine;
    private final EntryHasher hasher = new EntryHasher();

    public BatchPoster(PostingEngine engine) {
        this.engine = engine;
    }

    public PostingEngine engine() {
        return engine;
    }

    /**
     * What a batch changed.
     *
     * @param applied events applied (duplicates skipped), to record as processed
     * @param touched order ids whose state changed
     * @param anomalies events this batch counted as anomalies (a decision or fact after the first)
     */
    public record Outcome(List<JournalEntry> entries, List<LedgerEvent> applied, Set<String> touched,
                          long anomalies) {
    }

    /**
     * @param orders    the states of every order the events name (absent means never seen)
     * @param processed event ids applied before; updated with this batch's
     * @param heads     chain heads; updated as entries are sealed
     * @param dueOrders orders whose waiting payments may have timed out by {@code now} (may be empty)
     * @throws io.tollgate.ledger.posting.UnpostableEventException for an event the ledger cannot hold;
     *     the working set is then half-applied and must be dropped (the caller's transaction rolls back)
     */
    public Outcome post(List<LedgerEvent> events, Map<String, OrderState> orders, Set<String> processed,
                        Map<String, ChainHead> heads, Instant now, Collection<String> dueOrders) {
        Instant recorded = now.truncatedTo(ChronoUnit.MICROS);
        List<JournalEntry> entries = new ArrayList<>();
        List<LedgerEvent> applied = new ArrayList<>(events.size());
        Set<String> touched = new LinkedHashSet<>();
        long anomalies = 0;
        for (LedgerEvent event : events) {
            if (!processed.add(event.eventId())) {
                continue;
            }
            OrderState state = orders.computeIfAbsent(event.orderId(), OrderState::new);
            long before = state.anomalies;
            seal(engine.apply(state, event), heads, recorded, entries);
            anomalies += state.anomalies - before;
            applied.add(event);
            touched.add(state.orderId);
        }
        for (String orderId : dueOrders) {
            OrderState state = orders.get(orderId);
            if (state != null) {
                List<EntryDraft> expired = engine.expire(state, now);
                if (!expired.isEmpty()) {
                    seal(expired, heads, recorded, entries);
                    touched.add(orderId);
                }
            }
        }
        return new Outcome(entries, applied, touched, anomalies);
    }

    /** Seals drafts into their chains in order, moving {@code heads} on. */
    void seal(List<EntryDraft> drafts, Map<String, ChainHead> heads, Instant recorded,
                      List<JournalEntry> out) {
        for (EntryDraft d : drafts) {
            String chainId = d.source().chainId();
            ChainHead head = heads.computeIfAbsent(chainId, ChainHead::genesis);
            long seq = head.seq() + 1;
            byte[] prev = head.hash();
            byte[] hash = hasher.hash(prev, new EntryHasher.Fields(d.entryId(), chainId, seq, d.kind(), d.orderId(),
                    d.source().eventId(), d.source().topic(), d.source().partition(), d.source().offset(),
                    d.businessTime(), recorded, d.source().principal(), d.postings(), d.source().policyVersion(),
                    d.source().policyClause()));
            heads.put(chainId, new ChainHead(chainId, seq, hash));
            out.add(new JournalEntry(d, chainId, seq, recorded, EntryHasher.hex(prev), EntryHasher.hex(hash)));
        }
    }
}
