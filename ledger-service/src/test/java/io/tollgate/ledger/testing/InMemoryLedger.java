package io.tollgate.ledger.testing;

import io.tollgate.ledger.balance.BalanceSheet;
import io.tollgate.ledger.journal.BatchPoster;
import io.tollgate.ledger.journal.ChainHead;
import io.tollgate.ledger.journal.JournalEntry;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.OrderState;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.PostingEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The posting engine and hash chains over in-memory state: the same {@link BatchPoster} the service
 * runs, with maps where the service has tables. Checks the trial balance after every batch.
 */
public final class InMemoryLedger {

    private final BatchPoster poster;
    private final Map<String, OrderState> orders = new HashMap<>();
    private final Set<String> processed = new HashSet<>();
    private final Map<String, ChainHead> heads = new HashMap<>();
    private final BalanceSheet balances = new BalanceSheet();
    private final List<JournalEntry> journal = new ArrayList<>();

    public InMemoryLedger(Duration parkTimeout) {
        this.poster = new BatchPoster(new PostingEngine(parkTimeout));
    }

    public static InMemoryLedger withoutTimeouts() {
        return new InMemoryLedger(Duration.ofDays(365_000));
    }

    public List<JournalEntry> post(List<LedgerEvent> batch, Instant now, boolean expire) {
        BatchPoster.Outcome outcome = poster.post(batch, orders, processed, heads, now,
                expire ? List.copyOf(orders.keySet()) : List.of());
        for (JournalEntry e : outcome.entries()) {
            journal.add(e);
            for (Posting p : e.draft().postings()) {
                balances.add(p);
            }
        }
        balances.trialBalance().forEach((currency, sum) -> {
            if (sum != 0) {
                throw new AssertionError("trial balance in " + currency + " is " + sum + " after a batch");
            }
        });
        return outcome.entries();
    }

    public List<JournalEntry> post(LedgerEvent... events) {
        return post(List.of(events), Events.T0, false);
    }

    public List<JournalEntry> expire(Instant now) {
        return post(List.of(), now, true);
    }

    public BalanceSheet balances() {
        return balances;
    }

    public List<JournalEntry> journal() {
        return journal;
    }

    public OrderState order(String orderId) {
        return orders.get(orderId);
    }

    public int parked() {
        return orders.values().stream().mapToInt(OrderState::parkedCount).sum();
    }

    public long balance(String account, String currency) {
        return balances.line(account, currency).balanceMinor();
    }
}
