package io.tollgate.order.kafka;

import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.outbox.OutboxMapper;
import io.tollgate.order.api.DocumentSuppliedEvent;
import io.tollgate.order.api.EventPrincipal;
import io.tollgate.order.api.OrderCancelledEvent;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.api.RevenueSharePaidEvent;
import io.tollgate.order.api.UsageScenarioSuppliedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;

/**
 * Publishes OrderRequested (as {@code tollgate.order.requested.v2}), UsageScenarioSupplied,
 * DocumentSupplied, RevenueSharePaid and OrderCancelled to {@code tollgate.orders.v1}; authorization
 * outcomes and
 * waits, settlement and ignored decisions stay internal (the regulator already published the
 * decisions and waits, and settlement follows from the payments). requestedBy, suppliedBy,
 * recordedBy and cancelledBy name the principal from the event's metadata (see {@link EventPrincipal}).
 */
@ApplicationScoped
public class OrderOutboxMapper implements OutboxMapper {

    @Override
    public Optional<WireEvent> toWire(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof OrderRequestedEvent) {
            return Optional.of(requested((OrderRequestedEvent) payload, message));
        }
        if (payload instanceof RevenueSharePaidEvent) {
            return Optional.of(paid((RevenueSharePaidEvent) payload, message));
        }
        if (payload instanceof OrderCancelledEvent) {
            return Optional.of(cancelled((OrderCancelledEvent) payload, message));
        }
        if (payload instanceof UsageScenarioSuppliedEvent) {
            return Optional.of(scenarioSupplied((UsageScenarioSuppliedEvent) payload, message));
        }
        if (payload instanceof DocumentSuppliedEvent) {
            return Optional.of(documentSupplied((DocumentSuppliedEvent) payload, message));
        }
        return Optional.empty();
    }

    static UsageScenarioSuppliedV1 scenarioSupplied(UsageScenarioSuppliedEvent e, EventMessage<?> message) {
        return new UsageScenarioSuppliedV1(e.orderId(), e.usageScenario(), EventPrincipal.of(message, e.suppliedBy()),
                e.occurredAt());
    }

    static DocumentSuppliedV1 documentSupplied(DocumentSuppliedEvent e, EventMessage<?> message) {
        return new DocumentSuppliedV1(e.orderId(), e.document(), EventPrincipal.of(message, e.suppliedBy()),
                e.occurredAt());
    }

    /**
     * Every request is published as V2, including requests stored before V2 existed (their stored
     * revision 1 is upcast on load to an export to China, as the contract reads a V1 record).
     */
    static OrderRequestedV2 requested(OrderRequestedEvent e, EventMessage<?> message) {
        return new OrderRequestedV2(e.orderId(), e.customerId(), e.customerName(), e.productSku(),
                e.productFamily(), e.quantity(), e.unitPrice(), e.grossAmount(), e.usageScenario(),
                e.erpReference(), e.occurredAt(), EventPrincipal.of(message, e.requestedBy()),
                e.destination(), e.transactionKind(), e.buyerHeadquarters(), e.ultimateParentHeadquarters());
    }

    static RevenueSharePaidV1 paid(RevenueSharePaidEvent e, EventMessage<?> message) {
        return new RevenueSharePaidV1(e.orderId(), e.paymentId(), e.authorizationId(), e.amount(),
                e.treasuryReference(), e.payee(), e.occurredAt(), EventPrincipal.of(message, e.recordedBy()));
    }

    static OrderCancelledV1 cancelled(OrderCancelledEvent e, EventMessage<?> message) {
        return new OrderCancelledV1(e.orderId(), e.previousStatus().name(), e.voidedAuthorizationId(),
                e.reason(), e.occurredAt(), EventPrincipal.of(message, e.cancelledBy()));
    }
}
