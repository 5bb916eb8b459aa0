package io.tollgate.audit.rules;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.WireEvent;
import io.tollgate.audit.rules.OrderBook.Cancellation;
import io.tollgate.audit.rules.OrderBook.Decision;
import io.tollgate.audit.rules.OrderBook.Payment;
import io.tollgate.audit.rules.OrderBook.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The posting rules of {@code docs/ledger-rules.md}, implemented a second time for auditors:
 * events in, entries out to a sink. It was written from that document alone, not from (and not
 * calling) ledger-service's posting engine, on purpose: two implementations that agree on the same
 * topics are the evidence an auditor wants, and where they disagree the document decides. Section
 * numbers in the comments point into the document.
 *
 * <p>The caller feeds events in its replay order and moves the replay clock (§7) before each one;
 * waits time out by that clock (§5.5). Not thread-safe.
 */
public final class Rulebook {

    public static final Duration PARK_TIMEOUT_DEFAULT = Duration.ofMinutes(15);
    /** Refusals kept with their reasons; every one is counted. */
    public static final int REFUSALS_LISTED_MAX = 100;

    static final String RECEIVABLE = "receivable:customer:";
    static final String REVENUE = "revenue:sales:";
    static final String EXPENSE = "expense:revenue-share";
    static final String LIABILITY = "liability:revenue-share:";
    static final String CASH = "cash:operating";
    static final String SUSPENSE = "suspense:";
    static final String UNKNOWN_ORDER = SUSPENSE + "unknown-order";
    static final String OVERPAYMENT = SUSPENSE + "overpayment";
    static final String CURRENCY_MISMATCH = SUSPENSE + "currency-mismatch";
    static final String PAYEE_MISMATCH = SUSPENSE + "payee-mismatch";
    static final String FOR_DENIED_ORDER = SUSPENSE + "payment-for-denied-order";
    static final String FOR_CANCELLED_ORDER = SUSPENSE + "payment-for-cancelled-order";
    static final String FOR_ANOMALOUS_DECISION = SUSPENSE + "payment-for-anomalous-decision";
    static final String REPEATED_DECISION = SUSPENSE + "repeated-decision";
    static final String CONFLICTING_DECISION = SUSPENSE + "conflicting-decision";

    /** What became of one offered event. */
    public enum Outcome {
        APPLIED, DUPLICATE, REFUSED, HELD,
        /** A workflow event (an application's wait, a supplied scenario): no rule books it. */
        NOT_BOOKED
    }

    /** Counts of what the rules did (§11 reports them for the worked history). */
    public record Tally(long applied, long duplicates, long refused, long held, long anomalies,
                        long entries, long waiting, long suspended, List<Refusal> refusals, long notBooked) {
    }

    /** When each wait falls due; ties in record order, so timeouts come out the same every run. */
    private static final Comparator<Payment> BY_DUE = Rulebook::compareDue;

    private final Duration parkTimeout;
    private final Consumer<Entry> sink;
    private final Map<String, OrderBook> orders = new HashMap<>();
    private final EventIds applied = new EventIds();
    private final Set<String> held = new HashSet<>();
    /** Every payment that waits, by due time; classified ones are dropped when they come up. */
    private final PriorityQueue<Payment> dueQueue = new PriorityQueue<>(BY_DUE);
    private final List<Refusal> refusals = new ArrayList<>();
    private Instant clock = Instant.EPOCH;
    private long duplicates;
    private long notBooked;
    private long refused;
    private long heldEvents;
    private long anomalies;
    private long entries;
    private long waiting;
    private long suspended;

    public Rulebook(Duration parkTimeout, Consumer<Entry> sink) {
        if (parkTimeout.isNegative() || parkTimeout.isZero()) {
            throw new IllegalArgumentException("the park timeout must be positive, got "
                    + parkTimeout);
        }
        this.parkTimeout = parkTimeout;
        this.sink = sink;
    }

    /**
     * Moves the replay clock to {@code to} (never back) and lets every wait due by then time out,
     * in the order they fell due (§5.5). Call it before offering an event read at {@code to}.
     */
    public void advanceClock(Instant to) {
        if (to.isAfter(clock)) {
            clock = to;
        }
        while (!dueQueue.isEmpty() && !dueQueue.peek().due.isAfter(clock)) {
            Payment p = dueQueue.poll();
            if (!p.classified && !p.timedOut) {
                timeOut(p);
            }
        }
    }

    /** Offers one decoded event at the current clock: held, refused, duplicate or applied (§1). */
    public Outcome offer(Source source, WireEvent event) {
        if (EventTypes.isWorkflow(event)) {
            // Workflow between order-service and the regulator: it moves no money, so it is neither
            // applied nor held (the ledger keeps it from its engine the same way).
            notBooked++;
            return Outcome.NOT_BOOKED;
        }
        String orderId = event.orderId();
        if (!held.isEmpty() && held.contains(orderId)) {
            heldEvents++;
            return Outcome.HELD;
        }
        Optional<Limits.Breach> breach = Limits.check(source, event);
        if (breach.isPresent()) {
            refuse(source, orderId, breach.get());
            return Outcome.REFUSED;
        }
        EventIds.Key id = EventIds.keyOf(source.eventId());
        if (applied.contains(id)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        OrderBook book = orders.get(orderId);
        if (event instanceof RevenueSharePaidV1 && book != null && book.cancellation == null
                && book.waiting.size() >= Limits.WAITING_PAYMENTS_MAX) {
            refuse(source, orderId, Limits.tooManyWaiting(orderId, book.waiting.size()));
            return Outcome.REFUSED;
        }
        applied.add(id);
        if (book == null) {
            book = new OrderBook(orderId);
            orders.put(orderId, book);
        }
        Payment arrived = apply(book, source, event);
        release(book);
        if (arrived != null && !arrived.classified) {
            // Only a payment that still waits can time out; most are classified at once.
            dueQueue.add(arrived);
        }
        return Outcome.APPLIED;
    }

    public Instant clock() {
        return clock;
    }

    public Tally tally() {
        return new Tally(applied.size(), duplicates, refused, heldEvents, anomalies, entries,
                waiting, suspended, List.copyOf(refusals), notBooked);
    }

    private void refuse(Source source, String orderId, Limits.Breach breach) {
        refused++;
        held.add(orderId);
        if (refusals.size() < REFUSALS_LISTED_MAX) {
            refusals.add(new Refusal(source.eventId(), orderId, source.topic(), source.partition(),
                    source.offset(), breach.code(), breach.reason()));
        }
    }

    /** Applies one event to its order; returns the payment it adds to those waiting, if any. */
    private Payment apply(OrderBook book, Source source, WireEvent event) {
        if (event instanceof OrderRequested r) {
            onRequest(book, r);
        } else if (event instanceof AuthorizationGrantedV1 g) {
            Decision d = onDecision(book, source, g.authorizationId(), true, g.occurredAt());
            if (d != null) {
                d.rate = RevenueShare.parseRate(g.conditions().revenueShareRate());
                d.payee = g.conditions().payee();
            }
        } else if (event instanceof AuthorizationDeniedV1 denial) {
            onDecision(book, source, denial.authorizationId(), false, denial.occurredAt());
        } else if (event instanceof OrderCancelledV1 c) {
            onCancel(book, source, c);
        } else {
            return onPayment(book, source, (RevenueSharePaidV1) event);
        }
        return null;
    }

    /** §5.1: the first request is kept; another is an anomaly. */
    private void onRequest(OrderBook book, OrderRequested r) {
        if (book.request != null) {
            anomalies++;
            return;
        }
        Money gross = r.grossAmount();
        book.request = new Request(r.customerId(), r.productFamily(), gross.minorUnits(),
                gross.currency());
    }

    /** §5.2: a known authorization id repeats; the first decision stands; later ones are memos. */
    private Decision onDecision(OrderBook book, Source source, String authorizationId,
                                boolean grant, Instant occurredAt) {
        if (book.decision(authorizationId) != null) {
            anomalies++;
            return null;
        }
        Decision d = new Decision(authorizationId, grant, source, occurredAt);
        Decision standing = book.standing();
        if (standing == null) {
            d.booked = !grant;
        } else {
            d.memoAccount = standing.grant == grant ? REPEATED_DECISION : CONFLICTING_DECISION;
            anomalies++;
        }
        book.decisions.add(d);
        return d;
    }

    /** §5.3: the first cancellation is kept; another is an anomaly. */
    private void onCancel(OrderBook book, Source source, OrderCancelledV1 c) {
        if (book.cancellation != null) {
            anomalies++;
            return;
        }
        String voided = "AUTHORIZED".equals(c.previousStatus()) ? c.voidedAuthorizationId() : null;
        book.cancellation = new Cancellation(voided, source, c.occurredAt());
    }

    /** §5.4: after the cancellation straight to suspense; otherwise it waits for its decision. */
    private Payment onPayment(OrderBook book, Source source, RevenueSharePaidV1 paid) {
        Money amount = paid.amount();
        Payment p = new Payment(book.orderId, source, paid.occurredAt(), paid.authorizationId(),
                amount.minorUnits(), amount.currency(), paid.payee(),
                source.recordTime().plus(parkTimeout));
        if (book.cancellation != null) {
            emit(Kind.PAYMENT, "payment", book, source, p.occurredAt, clock, List.of(
                    Line.debit(FOR_CANCELLED_ORDER, p.currency, p.amountMinor),
                    Line.credit(CASH, p.currency, p.amountMinor)));
            return null;
        }
        book.waiting.add(p);
        waiting++;
        return p;
    }

    /** §5.6: decisions, then reversals, then payments, each in its topic's order. */
    private void release(OrderBook book) {
        if (book.request != null) {
            for (Decision d : book.decisions) {
                if (!d.booked) {
                    book(book, d);
                }
            }
        }
        if (book.cancellation != null) {
            for (Decision d : book.decisions) {
                if (d.standingGrant() && d.booked && !d.reversed
                        && book.cancellation.voids(d.authorizationId)) {
                    reverse(book, d);
                }
            }
        }
        Iterator<Payment> payments = book.waiting.iterator();
        while (payments.hasNext()) {
            Payment p = payments.next();
            Decision d = book.decision(p.authorizationId);
            if (d != null && d.booked) {
                payments.remove();
                classify(book, p, d);
            }
        }
    }

    /** §5.2: an AUTHORIZATION for the standing grant, an ANOMALY memo for any other decision. */
    private void book(OrderBook book, Decision d) {
        d.booked = true;
        Request r = book.request;
        d.grossMinor = r.grossMinor();
        if (!d.stands()) {
            if (r.grossMinor() > 0) {
                emit(Kind.ANOMALY, "anomaly", book, d.source, d.occurredAt, clock, List.of(
                        Line.debit(d.memoAccount, r.currency(), r.grossMinor()),
                        Line.credit(d.memoAccount, r.currency(), r.grossMinor())));
            }
            return;
        }
        Money gross = Money.ofMinor(r.grossMinor(), r.currency());
        d.shareMinor = RevenueShare.of(gross, d.rate).minorUnits();
        List<Line> lines = grantLines(r, d);
        if (!lines.isEmpty()) {
            emit(Kind.AUTHORIZATION, "authorization", book, d.source, d.occurredAt, clock, lines);
        }
    }

    /** The four lines of a booked grant, zero amounts left out (§3). */
    private static List<Line> grantLines(Request r, Decision d) {
        List<Line> lines = new ArrayList<>(4);
        if (d.grossMinor > 0) {
            lines.add(Line.debit(RECEIVABLE + r.customerId(), r.currency(), d.grossMinor));
            lines.add(Line.credit(REVENUE + lower(r.family()), r.currency(), d.grossMinor));
        }
        if (d.shareMinor > 0) {
            lines.add(Line.debit(EXPENSE, r.currency(), d.shareMinor));
            lines.add(Line.credit(LIABILITY + lower(d.payee), r.currency(), d.shareMinor));
        }
        return lines;
    }

    /** §5.3: the grant's lines on the other side, dated the later of cancellation and grant. */
    private void reverse(OrderBook book, Decision d) {
        d.reversed = true;
        List<Line> lines = new ArrayList<>(4);
        grantLines(book.request, d).forEach(l -> lines.add(l.opposite()));
        if (lines.isEmpty()) {
            return;
        }
        Cancellation c = book.cancellation;
        String id = idOf("reversal", c.source().eventId(), d.source.eventId());
        Instant business = later(c.occurredAt(), d.occurredAt);
        emit(new Entry(id, Kind.REVERSAL, book.orderId, c.source(), micros(business), clock,
                lines));
    }

    /** §5.4's table, in its order; a timed-out payment is credited from suspense (§5.5). */
    private void classify(OrderBook book, Payment p, Decision d) {
        p.classified = true;
        if (p.timedOut) {
            suspended--;
        } else {
            waiting--;
        }
        List<Line> lines = new ArrayList<>(3);
        if (!d.stands()) {
            lines.add(Line.debit(FOR_ANOMALOUS_DECISION, p.currency, p.amountMinor));
        } else if (!d.grant) {
            lines.add(Line.debit(FOR_DENIED_ORDER, p.currency, p.amountMinor));
        } else if (!p.currency.equals(book.request.currency())) {
            lines.add(Line.debit(CURRENCY_MISMATCH, p.currency, p.amountMinor));
        } else if (!lower(p.payee).equals(lower(d.payee))) {
            lines.add(Line.debit(PAYEE_MISMATCH, p.currency, p.amountMinor));
        } else {
            long stillOwed = Math.max(0, d.shareMinor - d.paidMinor);
            long applies = Math.min(p.amountMinor, stillOwed);
            d.paidMinor += applies;
            if (applies > 0) {
                lines.add(Line.debit(LIABILITY + lower(d.payee), p.currency, applies));
            }
            if (p.amountMinor - applies > 0) {
                lines.add(Line.debit(OVERPAYMENT, p.currency, p.amountMinor - applies));
            }
        }
        lines.add(Line.credit(p.timedOut ? UNKNOWN_ORDER : CASH, p.currency, p.amountMinor));
        Instant business = d.standingGrant() ? later(p.occurredAt, d.occurredAt) : p.occurredAt;
        if (p.timedOut) {
            emit(Kind.RESOLUTION, "resolution", book, p.source, business, clock, lines);
        } else {
            emit(Kind.PAYMENT, "payment", book, p.source, business, clock, lines);
        }
    }

    /** §5.5: held in suspense:unknown-order, recorded when it fell due. */
    private void timeOut(Payment p) {
        p.timedOut = true;
        waiting--;
        suspended++;
        emit(new Entry(idOf("timeout", p.source.eventId()), Kind.TIMEOUT, p.orderId, p.source,
                micros(p.occurredAt), p.due, List.of(
                        Line.debit(UNKNOWN_ORDER, p.currency, p.amountMinor),
                        Line.credit(CASH, p.currency, p.amountMinor))));
    }

    private void emit(Kind kind, String prefix, OrderBook book, Source source, Instant business,
                      Instant recorded, List<Line> lines) {
        emit(new Entry(idOf(prefix, source.eventId()), kind, book.orderId, source,
                micros(business), recorded, lines));
    }

    private void emit(Entry entry) {
        if (!entry.imbalance().isEmpty()) {
            throw new IllegalStateException("entry " + entry.id() + " does not balance: " + entry);
        }
        entries++;
        sink.accept(entry);
    }

    private static int compareDue(Payment a, Payment b) {
        int byDue = a.due.compareTo(b.due);
        if (byDue != 0) {
            return byDue;
        }
        int byTopic = a.source.topic().compareTo(b.source.topic());
        if (byTopic != 0) {
            return byTopic;
        }
        int byPartition = Integer.compare(a.source.partition(), b.source.partition());
        return byPartition != 0 ? byPartition : Long.compare(a.source.offset(), b.source.offset());
    }

    /** §4: UUID v3 of the parts joined by "|". */
    static String idOf(String... parts) {
        byte[] name = String.join("|", parts).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }
}
