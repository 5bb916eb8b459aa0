package io.tollgate.audit.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules have learnt about one order (docs/ledger-rules.md §5): its first request, its
 * decisions in authorizations-topic order, its first cancellation, and the payments that wait.
 */
final class OrderBook {

    final String orderId;
    Request request;
    final List<Decision> decisions = new ArrayList<>(1);
    Cancellation cancellation;
    /** Payments not yet classified, in orders-topic order. */
    final List<Payment> waiting = new ArrayList<>(0);

    OrderBook(String orderId) {
        this.orderId = orderId;
    }

    /** The money facts of the first request. */
    record Request(String customerId, String family, long grossMinor, String currency) {
    }

    /** A cancellation; {@code voided} null voids every grant (cancelled while REQUESTED). */
    record Cancellation(String voided, Source source, Instant occurredAt) {

        boolean voids(String authorizationId) {
            return voided == null || voided.equals(authorizationId);
        }
    }

    /** A grant or a denial, and what has been booked for it. */
    static final class Decision {
        final String authorizationId;
        final boolean grant;
        final Source source;
        final Instant occurredAt;
        /** A grant's rate and payee; null for a denial. */
        BigDecimal rate;
        String payee;
        /** Null for the standing decision; else the suspense account of its memo. */
        String memoAccount;
        /** Booked: a standing denial at once, a grant or a memo once the request is known. */
        boolean booked;
        long grossMinor;
        long shareMinor;
        long paidMinor;
        boolean reversed;

        Decision(String authorizationId, boolean grant, Source source, Instant occurredAt) {
            this.authorizationId = authorizationId;
            this.grant = grant;
            this.source = source;
            this.occurredAt = occurredAt;
        }

        boolean stands() {
            return memoAccount == null;
        }

        boolean standingGrant() {
            return grant && stands();
        }
    }

    /** A payment waiting for the decision it names. */
    static final class Payment {
        final String orderId;
        final Source source;
        final Instant occurredAt;
        final String authorizationId;
        final long amountMinor;
        final String currency;
        final String payee;
        /** When it is held in suspense if still waiting: record time + park timeout. */
        final Instant due;
        boolean timedOut;
        boolean classified;

        Payment(String orderId, Source source, Instant occurredAt, String authorizationId,
                long amountMinor, String currency, String payee, Instant due) {
            this.orderId = orderId;
            this.source = source;
            this.occurredAt = occurredAt;
            this.authorizationId = authorizationId;
            this.amountMinor = amountMinor;
            this.currency = currency;
            this.payee = payee;
            this.due = due;
        }
    }

    Decision decision(String authorizationId) {
        for (Decision d : decisions) {
            if (d.authorizationId.equals(authorizationId)) {
                return d;
            }
        }
        return null;
    }

    Decision standing() {
        for (Decision d : decisions) {
            if (d.stands()) {
                return d;
            }
        }
        return null;
    }
}
