package io.tollgate.ledger.posting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ledger knows about one order: everything the posting rules need to decide later events,
 * including the events that wait (parked). Stored as JSON per order, so parked events survive a
 * restart and the engine's state is loaded from the database batch by batch.
 */
public final class OrderState {

    /** Bound on payments waiting for one order; more means a producer is broken, not a busy order. */
    public static final int PARKED_PAYMENTS_MAX = 1_000;

    public String orderId;
    /** The first request seen (a duplicate request with another event id counts as an anomaly). */
    public Request request;
    /** Decisions in the order they arrived on the authorizations topic. */
    public List<Decision> decisions = new ArrayList<>();
    /** The first cancellation seen. */
    public Cancellation cancellation;
    /** Payments not yet finally posted, in the order they arrived on the orders topic. */
    public List<Payment> payments = new ArrayList<>();
    /** Events understood but ignored because the fact was already known (see {@link PostingEngine}). */
    public long anomalies;

    public OrderState() {
    }

    public OrderState(String orderId) {
        this.orderId = orderId;
    }

    /** The order request's money facts. */
    public record Request(String eventId, String customerId, String productFamily, long grossMinor,
                          String currency) {
    }

    /** A grant or a denial. A grant is posted once the request is known. */
    public static final class Decision {
        public String authorizationId;
        public boolean granted;
        public String rate;
        public String payee;
        public SourceRef source;
        public Instant businessTime;
        public boolean posted;
        public long shareMinor;
        public long grossMinor;
        /** Share paid against this grant so far (never above {@link #shareMinor}). */
        public long paidMinor;
        public boolean reversed;
        /** Null for the decision that stands; else the suspense slug of why it does not. */
        public String anomaly;

        /** The standing decision is a grant: the one that books revenue and the liability. */
        public boolean standingGrant() {
            return granted && anomaly == null;
        }
    }

    /** The first decision (the one that stands), or null while none is known. */
    public OrderState.Decision standingDecision() {
        for (Decision d : decisions) {
            if (d.anomaly == null) {
                return d;
            }
        }
        return null;
    }

    /**
     * A cancellation; {@code voidedAuthorizationId} null means cancelled while REQUESTED, which
     * voids any grant that arrives for the order (order-service never accepted it).
     */
    public record Cancellation(String voidedAuthorizationId, SourceRef source, Instant businessTime) {

        boolean voids(String authorizationId) {
            return voidedAuthorizationId == null || voidedAuthorizationId.equals(authorizationId);
        }
    }

    /** A payment that waits for the decision it names; {@code suspenseAccount} is set once it timed out. */
    public static final class Payment {
        public SourceRef source;
        public Instant businessTime;
        public String paymentId;
        public String authorizationId;
        public long amountMinor;
        public String currency;
        public String payee;
        public String suspenseAccount;
    }

    public Decision decision(String authorizationId) {
        for (Decision d : decisions) {
            if (d.authorizationId.equals(authorizationId)) {
                return d;
            }
        }
        return null;
    }

    /** Events that wait for something: unposted grants, unposted payments, reversals without their grant. */
    public int parkedCount() {
        int parked = 0;
        for (Decision d : decisions) {
            if (d.granted && !d.posted || d.anomaly != null && !d.posted) {
                parked++;
            }
        }
        for (Payment p : payments) {
            if (p.suspenseAccount == null) {
                parked++;
            }
        }
        if (cancellation != null && cancellation.voidedAuthorizationId() != null) {
            Decision voided = decision(cancellation.voidedAuthorizationId());
            if (voided == null || (voided.granted && !voided.posted)) {
                parked++;
            }
        }
        return parked;
    }

    /** Payments held in suspense:unknown-* until what they wait for arrives. */
    public int suspendedCount() {
        int n = 0;
        for (Payment p : payments) {
            if (p.suspenseAccount != null) {
                n++;
            }
        }
        return n;
    }

    /** The order's status as the ledger sees it (for counts; money is in the journal). */
    public String status() {
        if (cancellation != null) {
            return "CANCELLED";
        }
        boolean anyGrant = false;
        boolean allPaid = true;
        boolean anyDenial = false;
        for (Decision d : decisions) {
            if (d.anomaly != null) {
                continue;
            }
            if (d.granted && d.posted) {
                anyGrant = true;
                allPaid &= d.paidMinor >= d.shareMinor;
            } else if (!d.granted) {
                anyDenial = true;
            }
        }
        if (anyGrant) {
            return allPaid ? "SETTLED" : "AUTHORIZED";
        }
        if (anyDenial) {
            return "DENIED";
        }
        return request != null ? "REQUESTED" : "UNKNOWN";
    }

    /** Revenue share owed by posted grants that are not reversed. */
    public long shareDueMinor() {
        long due = 0;
        for (Decision d : decisions) {
            if (d.standingGrant() && d.posted && !d.reversed) {
                due += d.shareMinor;
            }
        }
        return due;
    }

    public long sharePaidMinor() {
        long paid = 0;
        for (Decision d : decisions) {
            paid += d.paidMinor;
        }
        return paid;
    }

    /** Gross of posted grants that are not reversed. */
    public long grossAuthorizedMinor() {
        long gross = 0;
        for (Decision d : decisions) {
            if (d.standingGrant() && d.posted && !d.reversed) {
                gross += d.grossMinor;
            }
        }
        return gross;
    }
}
