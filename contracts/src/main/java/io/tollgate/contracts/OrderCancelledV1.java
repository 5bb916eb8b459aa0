package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The order was cancelled before any revenue share was paid. Published by order-service.
 *
 * @param voidedAuthorizationId the grant this cancellation voids, or null when the order was
 *                              cancelled while still waiting for a decision. The ledger reverses
 *                              exactly that grant's postings, so its result never depends on
 *                              whether it saw the grant first.
 * @param previousStatus        REQUESTED or AUTHORIZED
 */
public record OrderCancelledV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String previousStatus,
        String voidedAuthorizationId,
        String reason,
        @JsonProperty(required = true) Instant occurredAt,
        String cancelledBy) implements WireEvent {

    public static final String TYPE = "tollgate.order.cancelled.v1";

    public OrderCancelledV1 {
        Require.text("orderId", orderId);
        Require.text("previousStatus", previousStatus);
        Require.present("occurredAt", occurredAt);
        if (!previousStatus.equals("REQUESTED") && !previousStatus.equals("AUTHORIZED")) {
            throw new ContractViolationException("previousStatus", "must be REQUESTED or AUTHORIZED");
        }
        if (previousStatus.equals("REQUESTED") && voidedAuthorizationId != null) {
            throw new ContractViolationException("voidedAuthorizationId",
                    "must be absent when a REQUESTED order is cancelled (there is no grant to void)");
        }
        if (previousStatus.equals("AUTHORIZED") && (voidedAuthorizationId == null || voidedAuthorizationId.isBlank())) {
            throw new ContractViolationException("voidedAuthorizationId",
                    "is required when an AUTHORIZED order is cancelled");
        }
    }
}
