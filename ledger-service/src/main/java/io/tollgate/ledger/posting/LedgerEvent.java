package io.tollgate.ledger.posting;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.WireEvent;
import java.util.Objects;

/**
 * One decoded wire event with its source: the input of the posting engine. The source's principal
 * is always the event's own who-field (see {@link #principalOf}), and its policy version and clause
 * those a decision event names, whatever the caller passed.
 */
public record LedgerEvent(SourceRef source, WireEvent event) {

    public LedgerEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(event, "event");
        source = source.withPrincipal(principalOf(event));
        if (event instanceof AuthorizationGrantedV1 g) {
            source = source.withDecision(g.policyVersion(), g.policyClause());
        } else if (event instanceof AuthorizationDeniedV1 d) {
            source = source.withDecision(d.policyVersion(), d.policyClause());
        } else {
            source = source.withDecision(null, null);
        }
    }

    public String eventId() {
        return source.eventId();
    }

    public String orderId() {
        return event.orderId();
    }

    /**
     * Who caused the event, as its producer recorded it: requestedBy, cancelledBy, recordedBy or
     * decidedBy; null when an older producer left it out.
     */
    public static String principalOf(WireEvent event) {
        if (event instanceof OrderRequested r) {
            return r.requestedBy();
        }
        if (event instanceof OrderCancelledV1 c) {
            return c.cancelledBy();
        }
        if (event instanceof RevenueSharePaidV1 p) {
            return p.recordedBy();
        }
        if (event instanceof AuthorizationGrantedV1 g) {
            return g.decidedBy();
        }
        if (event instanceof AuthorizationDeniedV1 d) {
            return d.decidedBy();
        }
        throw new IllegalStateException("no principal rule for " + event.getClass().getName());
    }
}
