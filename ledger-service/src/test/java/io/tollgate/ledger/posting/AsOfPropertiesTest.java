package io.tollgate.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.WireEvent;
import io.tollgate.ledger.balance.BalanceSheet;
import io.tollgate.ledger.journal.JournalEntry;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No as-of instant shows a balance on the wrong side: receivables and expense never below zero,
 * revenue and the revenue-share liabilities never above (balance = debits − credits), whatever the
 * business times of request, decisions, cancellation and payments (producers' clocks differ) and
 * whatever the arrival order of the two topics. Histories are those order-service accepts: a
 * cancellation comes before any payment on the orders topic.
 */
public class AsOfPropertiesTest {

    /** The times of one order's facts, in seconds after the request; a second decision is optional. */
    record Timing(int decisionAt, boolean grant, int secondDecisionAt, boolean secondGrant, boolean second,
                  int cancelAt, boolean cancel, List<Integer> paymentsAt) {
    }

    @Provide
    Arbitrary<List<Timing>> timings() {
        Arbitrary<Integer> at = Arbitraries.integers().between(-300, 900);
        Arbitrary<Timing> one = Combinators.combine(at, Arbitraries.of(true, true, false), at,
                        Arbitraries.of(true, false), Arbitraries.of(false, false, true), at,
                        Arbitraries.of(false, true), at.list().ofMaxSize(3))
                .as(Timing::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 400)
    void noAsOfInstantShowsABalanceOnTheWrongSide(@ForAll("timings") List<Timing> orders, @ForAll long seed) {
        // given the partition logs of the orders, merged in a random arrival order
        List<LedgerEvent> arrivals = arrivals(orders, new Random(seed));
        // when the ledger posts them in random batches
        InMemoryLedger ledger = InMemoryLedger.withoutTimeouts();
        Random batches = new Random(~seed);
        for (int i = 0; i < arrivals.size(); ) {
            int n = 1 + batches.nextInt(4);
            ledger.post(arrivals.subList(i, Math.min(arrivals.size(), i + n)), Events.T0, false);
            i += n;
        }
        // then at every instant an entry is dated, and just before it, every balance is on its side
        TreeSet<Instant> instants = new TreeSet<>();
        ledger.journal().forEach(e -> {
            instants.add(e.draft().businessTime());
            instants.add(e.draft().businessTime().minusNanos(1000));
        });
        for (Instant t : instants) {
            assertEveryBalanceOnItsSide(asOf(ledger.journal(), t), "as of " + t);
        }
    }

    /** Balances as of {@code t} by business time, from the entries alone. */
    static BalanceSheet asOf(List<JournalEntry> journal, Instant t) {
        BalanceSheet sheet = new BalanceSheet();
        for (JournalEntry e : journal) {
            if (!e.draft().businessTime().isAfter(t)) {
                e.draft().postings().forEach(sheet::add);
            }
        }
        return sheet;
    }

    /** Receivables and expense at or above zero, revenue and liabilities at or below. */
    public static void assertEveryBalanceOnItsSide(BalanceSheet sheet, String when) {
        sheet.lines().forEach(l -> {
            String what = l.account() + " " + l.currency() + " " + when;
            if (l.account().startsWith("receivable:") || l.account().startsWith("expense:")) {
                assertThat(l.balanceMinor()).as(what).isGreaterThanOrEqualTo(0);
            } else if (l.account().startsWith("revenue:") || l.account().startsWith(Accounts.LIABILITY_PREFIX)) {
                assertThat(l.balanceMinor()).as(what).isLessThanOrEqualTo(0);
            }
        });
    }

    private static List<LedgerEvent> arrivals(List<Timing> orders, Random random) {
        List<List<LedgerEvent>> logs = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < orders.size(); i++) {
            List<WireEvent> orderTopic = new ArrayList<>();
            List<WireEvent> authTopic = new ArrayList<>();
            eventsOf("order-" + i, orders.get(i), orderTopic, authTopic);
            logs.add(wrap(orderTopic, Topics.ORDERS.name(), offset));
            logs.add(wrap(authTopic, Topics.AUTHORIZATIONS.name(), offset));
            offset += 100;
        }
        List<LedgerEvent> out = new ArrayList<>();
        int[] pos = new int[logs.size()];
        int left = logs.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int pick = random.nextInt(logs.size());
            if (pos[pick] < logs.get(pick).size()) {
                out.add(logs.get(pick).get(pos[pick]++));
                left--;
            }
        }
        return out;
    }

    private static List<LedgerEvent> wrap(List<WireEvent> events, String topic, long firstOffset) {
        List<LedgerEvent> out = new ArrayList<>();
        for (WireEvent e : events) {
            String id = "ev-" + topic + "-" + (firstOffset + out.size());
            out.add(new LedgerEvent(new SourceRef(id, topic, 0, firstOffset + out.size(), Events.T0), e));
        }
        return out;
    }

    private static void eventsOf(String orderId, Timing t, List<WireEvent> orderTopic, List<WireEvent> authTopic) {
        Money gross = Money.ofMinor(1_000_00, "USD");
        String first = "auth-" + orderId;
        orderTopic.add(Events.requested(orderId, "c-" + orderId, gross.amount(), "USD"));
        authTopic.add(decision(orderId, first, t.grant(), at(t.decisionAt())));
        if (t.second()) {
            authTopic.add(decision(orderId, first + "-2", t.secondGrant(), at(t.secondDecisionAt())));
        }
        if (t.cancel()) {
            // While REQUESTED if the cancellation was earlier than the decision, else while AUTHORIZED.
            boolean authorized = t.grant() && t.cancelAt() > t.decisionAt();
            orderTopic.add(new OrderCancelledV1(orderId, authorized ? "AUTHORIZED" : "REQUESTED",
                    authorized ? first : null, "withdrawn", at(t.cancelAt()), "erp"));
        }
        long due = RevenueShare.of(gross, RevenueShare.DEFAULT_RATE).minorUnits();
        for (int p = 0; p < t.paymentsAt().size(); p++) {
            orderTopic.add(new RevenueSharePaidV1(orderId, "pay-" + orderId + "-" + p, first,
                    Money.ofMinor(due / 2, "USD"), "TR", RevenueShare.DEFAULT_PAYEE, at(t.paymentsAt().get(p)),
                    "treasury"));
        }
    }

    private static WireEvent decision(String orderId, String authorizationId, boolean grant, Instant at) {
        if (grant) {
            return Events.grantedAt(orderId, authorizationId, at);
        }
        return new AuthorizationDeniedV1(orderId, authorizationId, "req",
                List.of(new DenialReason(TrackDecision.US_EXPORT, "PRODUCT_PROHIBITED", "no")), null, null,
                "p1", "policy", at);
    }

    private static Instant at(int seconds) {
        return Events.T0.plusSeconds(seconds);
    }
}
