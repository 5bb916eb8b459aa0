package io.tollgate.regulator.kafka;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.WireLimits;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.outbox.OutboxMapper;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.api.MissingDocument;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.SupplyPassedOverEvent;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsVolumeAwaitedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;

/**
 * Publishes the final decisions, a grant as {@link AuthorizationGrantedV1} and a denial as
 * {@link AuthorizationDeniedV1}, each time an application starts waiting, for a usage scenario,
 * for documents, for an officer's review or for US volume, {@link AuthorizationPendingV1}, and a
 * supply the ERP made after the decision, passed over, {@link SupplyPassedOverV1}. Everything
 * else (supplied scenarios and documents, withdrawals, the register, policy versions) stays inside
 * the service.
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
        if (payload instanceof UsageScenarioRequestedEvent) {
            return Optional.of(scenarioRequested((UsageScenarioRequestedEvent) payload));
        }
        if (payload instanceof ReviewRequestedEvent) {
            return Optional.of(reviewRequested((ReviewRequestedEvent) payload));
        }
        if (payload instanceof DocumentsRequestedEvent) {
            return Optional.of(documentsRequested((DocumentsRequestedEvent) payload));
        }
        if (payload instanceof UsVolumeAwaitedEvent) {
            return Optional.of(usVolumeAwaited((UsVolumeAwaitedEvent) payload));
        }
        if (payload instanceof SupplyPassedOverEvent) {
            return Optional.of(passedOver((SupplyPassedOverEvent) payload));
        }
        return Optional.empty();
    }

    /** The application's status is the state that made the supply late (GRANTED, DENIED, WITHDRAWN). */
    static SupplyPassedOverV1 passedOver(SupplyPassedOverEvent e) {
        return new SupplyPassedOverV1(e.orderId(), e.supply(), e.supplyEventId(), e.documentKind(),
                e.applicationStatus().name(), e.passedOverAt());
    }

    /** What is asked is US shipment reports; the requirement gives the figures and the deadline. */
    static AuthorizationPendingV1 usVolumeAwaited(UsVolumeAwaitedEvent e) {
        TrackOutcome us = e.usExport();
        return new AuthorizationPendingV1(e.orderId(), AuthorizationPendingV1.US_VOLUME, us.track().wireName(),
                us.code(), requirement(us.text() + "; it is denied if still waiting at " + e.expiresAt()),
                e.policyVersion(), e.policyClause(), e.awaitingSince());
    }

    /** What is asked is the reason's text: the rule the scenario has to meet, or why it failed it. */
    static AuthorizationPendingV1 scenarioRequested(UsageScenarioRequestedEvent e) {
        Reason r = e.reason();
        return new AuthorizationPendingV1(e.orderId(), AuthorizationPendingV1.USAGE_SCENARIO,
                r.track().wireName(), r.code().name(), requirement(r.text()), e.policyVersion(),
                e.policyClause(), e.requestedAt());
    }

    /**
     * The code is the US track's (DOCUMENT_MISSING when any kind is missing, else DOCUMENT_EXPIRED);
     * what is asked first names every missing or expired kind on one line (so the bound on its
     * length never hides one), then says for each, on a line of its own, what it must be.
     */
    static AuthorizationPendingV1 documentsRequested(DocumentsRequestedEvent e) {
        String asked = e.usExport().text() + "\n"
                + String.join("\n", e.missing().stream().map(MissingDocument::text).toList());
        return new AuthorizationPendingV1(e.orderId(), AuthorizationPendingV1.DOCUMENTS,
                e.usExport().track().wireName(), e.usExport().code(), requirement(asked), e.policyVersion(),
                e.policyClause(), e.requestedAt());
    }

    /** The track that waits (the volume on the US track, or a claimed exemption on the CN track) says why. */
    static AuthorizationPendingV1 reviewRequested(ReviewRequestedEvent e) {
        TrackOutcome waiting = pending(e.usExport()) ? e.usExport()
                : pending(e.cnImport()) ? e.cnImport() : null;
        if (waiting == null || waiting.code() == null) {
            return new AuthorizationPendingV1(e.orderId(), AuthorizationPendingV1.OFFICER_REVIEW, null,
                    AuthorizationPendingV1.OFFICER_REVIEW, "A compliance officer reviews the application",
                    e.policyVersion(), e.policyClause(), e.requestedAt());
        }
        return new AuthorizationPendingV1(e.orderId(), AuthorizationPendingV1.OFFICER_REVIEW,
                waiting.track().wireName(), waiting.code(), requirement(waiting.text()), e.policyVersion(),
                e.policyClause(), e.requestedAt());
    }

    private static boolean pending(TrackOutcome t) {
        return t != null && t.verdict() == TrackOutcome.Verdict.PENDING;
    }

    /** Texts are the regulator's own sentences; the bound is the contract's, kept with an ellipsis. */
    private static String requirement(String text) {
        int max = WireLimits.PENDING_REQUIREMENT_CHARS_MAX;
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
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
