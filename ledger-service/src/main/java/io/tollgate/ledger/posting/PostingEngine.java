package io.tollgate.ledger.posting;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
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
 *   <li>A second request, decision with a known authorization id, or cancellation of the same
 *       order is counted as an anomaly and posts nothing: the first in topic order wins.</li>
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
        if (e instanceof OrderRequestedV1 r) {
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

    private static void onRequest(OrderState state, LedgerEvent event, OrderRequestedV1 r) {
        if (state.request != null) {
            state.anomalies++;
            return;
        }
        Money gross = r.grossAmount();
        state.request = new OrderState.Request(event.eventId(), r.customerId(), r.productFamily(),
                gross.minorUnits(), gross.currency());
    }

    private static void onGrant(OrderState state, LedgerEvent event, AuthorizationGrantedV1 g) {
        if (state.decision(g.authorizationId()) != null) {
            state.anomalies++;
            return;
        }
        OrderState.Decision d = new OrderState.Decision();
        d.authorizationId = g.authorizationId();
        d.granted = true;
        d.rate = g.conditions().revenueShareRate();
        d.payee = g.conditions().payee();
        d.source = event.source();
        d.businessTime = g.occurredAt();
        state.decisions.add(d);
    }

    private static void onDenial(OrderState state, LedgerEvent event, AuthorizationDeniedV1 denial) {
        if (state.decision(denial.authorizationId()) != null) {
            state.anomalies++;
            return;
        }
        OrderState.Decision d = new OrderState.Decision();
        d.authorizationId = denial.authorizationId();
        d.granted = false;
        d.source = event.source();
        d.businessTime = denial.occurredAt();
        d.posted = true;
        state.decisions.add(d);
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
                            payment.currency, payment.amountMinor))));
            return;
        }
        if (state.payments.size() >= OrderState.PARKED_PAYMENTS_MAX) {
            throw new IllegalStateException("order " + state.orderId + " has " + state.payments.size()
                    + " waiting payments, the bound");
        }
        state.payments.add(payment);
    }

    /** Posts everything that no longer waits, until nothing changes (each step is a fixed order). */
    private static void release(OrderState state, List<EntryDraft> out) {
        for (OrderState.Decision d : state.decisions) {
            if (d.granted && !d.posted && state.request != null) {
                addIfAny(out, authorization(state, d));
            }
        }
        if (state.cancellation != null) {
            for (OrderState.Decision d : state.decisions) {
                if (d.granted && d.posted && !d.reversed && state.cancellation.voids(d.authorizationId)) {
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

    private static EntryDraft reversal(OrderState state, OrderState.Decision d) {
        d.reversed = true;
        List<Posting> postings = grantPostings(state, d).stream().map(Posting::reversed).toList();
        if (postings.isEmpty()) {
            return null;
        }
        OrderState.Cancellation c = state.cancellation;
        return new EntryDraft(EntryDraft.idOf("reversal", c.source().eventId(), d.source.eventId()),
                EntryKind.REVERSAL, state.orderId, c.source(), c.businessTime(), postings);
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
        if (!d.granted) {
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
        return paymentEntry(state, p, kind, from, debits);
    }

    private static EntryDraft paymentEntry(OrderState state, OrderState.Payment p, EntryKind kind, String from,
                                           List<Posting> debits) {
        List<Posting> postings = new ArrayList<>(debits);
        postings.add(Posting.credit(from, p.currency, p.amountMinor));
        String prefix = kind == EntryKind.RESOLUTION ? "resolution" : "payment";
        return new EntryDraft(EntryDraft.idOf(prefix, p.source.eventId()), kind, state.orderId, p.source,
                p.businessTime, postings);
    }
}
