package io.tollgate.ledger.posting;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.WireEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The posting rules as a pure, deterministic state machine: an event and the order's state in,
 * balanced entry drafts out. No clock, no I/O; the caller supplies "now" for timeouts.
 *
 * <p>Ordering semantics (Kafka keeps order per topic and order, never across the two topics):
 * <ul>
 *   <li>A request posts nothing; it releases grants that waited for it.</li>
 *   <li>A grant waits (parked) until its order's request is known, then posts
 *       Dr receivable / Cr revenue (gross) and Dr expense / Cr liability (share).</li>
 *   <li>A denial posts nothing and is recorded at once (it needs no amounts).</li>
 *   <li>A cancellation is recorded at once; the reversal of the grant it voids waits until that
 *       grant is posted. Cancelled while REQUESTED voids any grant that arrives later.</li>
 *   <li>A payment after the cancellation (same topic, so a fixed order) goes to
 *       suspense:payment-for-cancelled-order at once. Any other payment waits until the decision
 *       it names is known (and, for a grant, posted), then is classified: denied, currency or
 *       payee mismatch, or paid against the grant with any excess to suspense:overpayment.</li>
 *   <li>A payment still waiting {@code parkTimeout} after its Kafka record time, by the ledger's
 *       clock, is held in suspense:unknown-order (its order or the grant it names is unknown); when
 *       its decision arrives a RESOLUTION entry moves it out,
 *       so the final balances equal those of the interleaving without the timeout.</li>
 *   <li>The first decision for an order (in authorizations-topic order) stands. A later decision
 *       with another authorization id is an anomaly: counted, and once the request is known booked
 *       as a memo on suspense:repeated-decision (same kind) or suspense:conflicting-decision, never
 *       in revenue, receivable or a liability; a payment naming it goes to
 *       suspense:payment-for-anomalous-decision.</li>
 *   <li>A second request, a decision with a known authorization id, or a second cancellation of
 *       the same order is counted as an anomaly and posts nothing: the first in topic order wins.</li>
 *   <li>No entry is dated before an entry it undoes or settles: a reversal carries the later of the
 *       cancellation's and the grant's times, a payment the later of its own and its grant's, so
 *       no as-of instant shows a negative receivable or a liability paid before it was owed.</li>
 * </ul>
 * Without timeouts, the set of entries (ids, kinds, business times, postings) depends only on the
 * events and their per-topic order, never on how the two topics interleave.
 */
public final class PostingEngine {

    private final Duration parkTimeout;

    public PostingEngine(Duration parkTimeout) {
        Objects.requireNonNull(parkTimeout, "parkTimeout");
        if (parkTimeout.isNegative() || parkTimeout.isZero()) {
            throw new IllegalArgumentException("parkTimeout must be positive");
        }
        this.parkTimeout = parkTimeout;
    }

    public Duration parkTimeout() {
        return parkTimeout;
    }

    /** Applies one (not yet seen) event to its order's state and returns the entries it releases. */
    public List<EntryDraft> apply(OrderState state, LedgerEvent event) {
        WireEvent e = event.event();
        if (!e.orderId().equals(state.orderId)) {
            throw new IllegalArgumentException("event for " + e.orderId() + " applied to " + state.orderId);
        }
        List<EntryDraft> out = new ArrayList<>();
        if (e instanceof OrderRequested r) {
            onRequest(state, event, r);
        } else if (e instanceof AuthorizationGrantedV1 g) {
            onGrant(state, event, g);
        } else if (e instanceof AuthorizationDeniedV1 d) {
            onDenial(state, event, d);
        } else if (e instanceof OrderCancelledV1 c) {
            onCancel(state, event, c);
        } else if (e instanceof RevenueSharePaidV1 p) {
            onPayment(state, event, p, out);
        } else {
            throw new IllegalStateException("no posting rule for " + e.getClass().getName());
        }
        release(state, out);
        return out;
    }

    /** Moves payments whose wait ran out into suspense:unknown-*; the caller persists the state. */
    public List<EntryDraft> expire(OrderState state, Instant now) {
        List<EntryDraft> out = new ArrayList<>();
        for (OrderState.Payment p : state.payments) {
            if (p.suspenseAccount == null && !now.isBefore(p.source.recordTime().plus(parkTimeout))) {
                p.suspenseAccount = Accounts.suspense(SuspenseReason.UNKNOWN_ORDER);
                out.add(new EntryDraft(EntryDraft.idOf("timeout", p.source.eventId()), EntryKind.TIMEOUT,
                        state.orderId, p.source, p.businessTime, List.of(
                                Posting.debit(p.suspenseAccount, p.currency, p.amountMinor),
                                Posting.credit(Accounts.CASH_OPERATING, p.currency, p.amountMinor))));
            }
        }
        return out;
    }

    /** When the next waiting payment of this order times out, or null if none waits. */
    public Instant deadline(OrderState state) {
        Instant first = null;
        for (OrderState.Payment p : state.payments) {
            if (p.suspenseAccount == null) {
                Instant due = p.source.recordTime().plus(parkTimeout);
                if (first == null || due.isBefore(first)) {
                    first = due;
                }
            }
        }
        return first;
    }

    /** The chain a timeout of this order's next waiting payment is written to, or null if none waits. */
    public String deadlineChain(OrderState state) {
        Instant first = null;
        String chain = null;
        for (OrderState.Payment p : state.payments) {
            Instant due = p.source.recordTime().plus(parkTimeout);
            if (p.suspenseAccount == null && (first == null || due.isBefore(first))) {
                first = due;
                chain = p.source.chainId();
            }
        }
        return chain;
    }

    private static void onRequest(OrderState state, LedgerEvent event, OrderRequested r) {
        if (state.request != null) {
            state.anomalies++;
            return;
        }
        Money gross = r.grossAmount();
        state.request = new OrderState.Request(event.eventId(), r.customerId(), r.productFamily(),
                gross.minorUnits(), gross.currency());
    }

    private static void onGrant(OrderState state, LedgerEvent event, AuthorizationGrantedV1 g) {
        OrderState.Decision d = decide(state, event, g.authorizationId(), true, g.occurredAt());
        if (d != null) {
            d.rate = g.conditions().revenueShareRate();
            d.payee = g.conditions().payee();
        }
    }

    private static void onDenial(OrderState state, LedgerEvent event, AuthorizationDeniedV1 denial) {
        OrderState.Decision d = decide(state, event, denial.authorizationId(), false, denial.occurredAt());
        if (d != null && d.anomaly == null) {
            d.posted = true; // a standing denial moves no money
        }
    }

    /**
     * Records a decision; null for a redelivered one (its authorization id is known). The first
     * decision in topic order stands; any later one is kept as an anomaly, booked only as a memo in
     * suspense once the order's gross is known, never in revenue, receivable or a liability.
     */
    private static OrderState.Decision decide(OrderState state, LedgerEvent event, String authorizationId,
                                              boolean granted, Instant businessTime) {
        if (state.decision(authorizationId) != null) {
            state.anomalies++;
            return null;
        }
        OrderState.Decision first = state.standingDecision();
        OrderState.Decision d = new OrderState.Decision();
        d.authorizationId = authorizationId;
        d.granted = granted;
        d.source = event.source();
        d.businessTime = businessTime;
        if (first != null) {
            SuspenseReason reason = first.granted == granted ? SuspenseReason.REPEATED_DECISION
                    : SuspenseReason.CONFLICTING_DECISION;
            d.anomaly = reason.slug();
            state.anomalies++;
        }
        state.decisions.add(d);
        return d;
    }

    private static void onCancel(OrderState state, LedgerEvent event, OrderCancelledV1 c) {
        if (state.cancellation != null) {
            state.anomalies++;
            return;
        }
        String voided = "AUTHORIZED".equals(c.previousStatus()) ? c.voidedAuthorizationId() : null;
        state.cancellation = new OrderState.Cancellation(voided, event.source(), c.occurredAt());
    }

    private static void onPayment(OrderState state, LedgerEvent event, RevenueSharePaidV1 p,
                                  List<EntryDraft> out) {
        OrderState.Payment payment = new OrderState.Payment();
        payment.source = event.source();
        payment.businessTime = p.occurredAt();
        payment.paymentId = p.paymentId();
        payment.authorizationId = p.authorizationId();
        payment.amountMinor = p.amount().minorUnits();
        payment.currency = p.amount().currency();
        payment.payee = p.payee();
        if (state.cancellation != null) {
            // The cancellation came first on the same topic: this order is over whatever arrives later.
            out.add(paymentEntry(state, payment, EntryKind.PAYMENT, Accounts.CASH_OPERATING, List.of(
                    Posting.debit(Accounts.suspense(SuspenseReason.PAYMENT_FOR_CANCELLED_ORDER),
                            payment.currency, payment.amountMinor)), payment.businessTime));
            return;
        }
        if (state.payments.size() >= OrderState.PARKED_PAYMENTS_MAX) {
            throw LedgerLimits.parkedPaymentsFull(event, state.payments.size());
        }
        state.payments.add(payment);
    }

    /** Posts everything that no longer waits, until nothing changes (each step is a fixed order). */
    private static void release(OrderState state, List<EntryDraft> out) {
        for (OrderState.Decision d : state.decisions) {
            if (!d.posted && state.request != null) {
                addIfAny(out, d.anomaly == null ? authorization(state, d) : anomaly(state, d));
            }
        }
        if (state.cancellation != null) {
            for (OrderState.Decision d : state.decisions) {
                if (d.standingGrant() && d.posted && !d.reversed
                        && state.cancellation.voids(d.authorizationId)) {
                    addIfAny(out, reversal(state, d));
                }
            }
        }
        Iterator<OrderState.Payment> waiting = state.payments.iterator();
        while (waiting.hasNext()) {
            OrderState.Payment p = waiting.next();
            OrderState.Decision d = state.decision(p.authorizationId);
            if (d == null || !d.posted) {
                continue;
            }
            out.add(settle(state, p, d));
            waiting.remove();
        }
    }

    private static void addIfAny(List<EntryDraft> out, EntryDraft entry) {
        if (entry != null) {
            out.add(entry);
        }
    }

    private static EntryDraft authorization(OrderState state, OrderState.Decision d) {
        OrderState.Request r = state.request;
        Money gross = Money.ofMinor(r.grossMinor(), r.currency());
        d.posted = true;
        d.grossMinor = r.grossMinor();
        d.shareMinor = RevenueShare.of(gross, RevenueShare.parseRate(d.rate)).minorUnits();
        List<Posting> postings = grantPostings(state, d);
        if (postings.isEmpty()) {
            return null; // a zero-priced order owes nothing: recorded in the state, nothing to post
        }
        return new EntryDraft(EntryDraft.idOf("authorization", d.source.eventId()), EntryKind.AUTHORIZATION,
                state.orderId, d.source, d.businessTime, postings);
    }

    /**
     * A memo of a decision that does not stand: the order's gross on both sides of its suspense
     * account, so it is visible (postings, entries, counts) and moves no balance.
     */
    private static EntryDraft anomaly(OrderState state, OrderState.Decision d) {
        d.posted = true;
        long gross = state.request.grossMinor();
        if (gross == 0) {
            return null;
        }
        String account = Accounts.SUSPENSE_PREFIX + d.anomaly;
        return new EntryDraft(EntryDraft.idOf("anomaly", d.source.eventId()), EntryKind.ANOMALY, state.orderId,
                d.source, d.businessTime, List.of(Posting.debit(account, state.request.currency(), gross),
                        Posting.credit(account, state.request.currency(), gross)));
    }

    private static EntryDraft reversal(OrderState state, OrderState.Decision d) {
        d.reversed = true;
        List<Posting> postings = grantPostings(state, d).stream().map(Posting::reversed).toList();
        if (postings.isEmpty()) {
            return null;
        }
        OrderState.Cancellation c = state.cancellation;
        return new EntryDraft(EntryDraft.idOf("reversal", c.source().eventId(), d.source.eventId()),
                EntryKind.REVERSAL, state.orderId, c.source(), later(c.businessTime(), d.businessTime), postings);
    }

    /** The postings of a posted grant, a pure function of the state (so a reversal mirrors them exactly). */
    private static List<Posting> grantPostings(OrderState state, OrderState.Decision d) {
        OrderState.Request r = state.request;
        List<Posting> postings = new ArrayList<>(4);
        if (d.grossMinor > 0) {
            postings.add(Posting.debit(Accounts.receivable(r.customerId()), r.currency(), d.grossMinor));
            postings.add(Posting.credit(Accounts.revenue(r.productFamily()), r.currency(), d.grossMinor));
        }
        if (d.shareMinor > 0) {
            postings.add(Posting.debit(Accounts.EXPENSE_REVENUE_SHARE, r.currency(), d.shareMinor));
            postings.add(Posting.credit(Accounts.liability(d.payee), r.currency(), d.shareMinor));
        }
        return postings;
    }

    /** Classifies a payment whose decision is known; credits cash, or the suspense it was held in. */
    private static EntryDraft settle(OrderState state, OrderState.Payment p, OrderState.Decision d) {
        boolean resolving = p.suspenseAccount != null;
        String from = resolving ? p.suspenseAccount : Accounts.CASH_OPERATING;
        EntryKind kind = resolving ? EntryKind.RESOLUTION : EntryKind.PAYMENT;
        List<Posting> debits = new ArrayList<>(2);
        if (d.anomaly != null) {
            debits.add(Posting.debit(Accounts.suspense(SuspenseReason.PAYMENT_FOR_ANOMALOUS_DECISION), p.currency,
                    p.amountMinor));
        } else if (!d.granted) {
            debits.add(Posting.debit(Accounts.suspense(SuspenseReason.PAYMENT_FOR_DENIED_ORDER), p.currency,
                    p.amountMinor));
        } else if (!p.currency.equals(state.request.currency())) {
            debits.add(Posting.debit(Accounts.suspense(SuspenseReason.CURRENCY_MISMATCH), p.currency, p.amountMinor));
        } else if (!Accounts.liability(p.payee).equals(Accounts.liability(d.payee))) {
            debits.add(Posting.debit(Accounts.suspense(SuspenseReason.PAYEE_MISMATCH), p.currency, p.amountMinor));
        } else {
            long applied = Math.min(p.amountMinor, Math.max(0, d.shareMinor - d.paidMinor));
            long excess = p.amountMinor - applied;
            d.paidMinor += applied;
            if (applied > 0) {
                debits.add(Posting.debit(Accounts.liability(d.payee), p.currency, applied));
            }
            if (excess > 0) {
                debits.add(Posting.debit(Accounts.suspense(SuspenseReason.OVERPAYMENT), p.currency, excess));
            }
        }
        // Never before the grant it pays: an as-of view must not see a liability paid before it is owed.
        Instant at = d.standingGrant() ? later(p.businessTime, d.businessTime) : p.businessTime;
        return paymentEntry(state, p, kind, from, debits, at);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    private static EntryDraft paymentEntry(OrderState state, OrderState.Payment p, EntryKind kind, String from,
                                           List<Posting> debits, Instant businessTime) {
        List<Posting> postings = new ArrayList<>(debits);
        postings.add(Posting.credit(from, p.currency, p.amountMinor));
        String prefix = kind == EntryKind.RESOLUTION ? "resolution" : "payment";
        return new EntryDraft(EntryDraft.idOf(prefix, p.source.eventId()), kind, state.orderId, p.source,
                businessTime, postings);
    }
}
