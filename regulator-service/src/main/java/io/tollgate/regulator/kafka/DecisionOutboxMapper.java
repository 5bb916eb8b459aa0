package io.tollgate.regulator.kafka;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.outbox.OutboxMapper;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.TrackOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;

/**
 * Publishes the final decisions, and only those: a grant as {@link AuthorizationGrantedV1}, a denial
 * as {@link AuthorizationDeniedV1}. Everything else (waiting, withdrawals, the register, policy
 * versions) stays inside the service.
 */
@ApplicationScoped
public class DecisionOutboxMapper implements OutboxMapper {

    @Override
    public Optional<WireEvent> toWire(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof ApplicationGrantedEvent) {
            return Optional.of(granted((ApplicationGrantedEvent) payload));
        }
        if (payload instanceof ApplicationDeniedEvent) {
            return Optional.of(denied((ApplicationDeniedEvent) payload));
        }
        return Optional.empty();
    }

    static AuthorizationGrantedV1 granted(ApplicationGrantedEvent e) {
        return new AuthorizationGrantedV1(e.orderId(), e.authorizationId(), e.requestEventId(),
                track(e.usExport(), e.authorizationId()), track(e.cnImport(), e.authorizationId()),
                new GrantConditions(e.revenueShareRate(), e.payee()), e.policyVersion(), e.decidedBy(),
                e.decidedAt(), e.policyClause());
    }

    static AuthorizationDeniedV1 denied(ApplicationDeniedEvent e) {
        List<DenialReason> reasons = e.reasons().stream().map(DecisionOutboxMapper::reason)
                .collect(Collectors.toList());
        return new AuthorizationDeniedV1(e.orderId(), e.authorizationId(), e.requestEventId(), reasons,
                track(e.usExport(), e.authorizationId()), track(e.cnImport(), e.authorizationId()),
                e.policyVersion(), e.decidedBy(), e.decidedAt(), e.policyClause());
    }

    private static DenialReason reason(Reason r) {
        return new DenialReason(r.track().wireName(), r.code().name(), r.text());
    }

    /** An approved track's reference is the authorization id: the one licence number we issue. */
    private static TrackDecision track(TrackOutcome t, String authorizationId) {
        if (t == null) {
            return null;
        }
        if (t.verdict() == TrackOutcome.Verdict.PENDING) {
            throw new IllegalStateException("a final decision cannot carry a pending track: " + t);
        }
        boolean approved = t.verdict() == TrackOutcome.Verdict.APPROVED;
        return new TrackDecision(t.track().wireName(), approved ? TrackDecision.APPROVED : TrackDecision.REFUSED,
                approved ? authorizationId : null, t.code(), t.text());
    }
}
