package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The buyer supplied the usage scenario its order's application waits for ({@link
 * AuthorizationPendingV1#USAGE_SCENARIO}). Published by order-service, on the orders topic;
 * regulator-service evaluates the application again with it. Nothing is decided and no money moves.
 *
 * @param usageScenario the scenario, 1 to {@link WireLimits#USAGE_SCENARIO_CHARS_MAX} characters
 *                      (the regulator's own limit); its acceptability is the regulator's to judge
 * @param suppliedBy    the principal that supplied it (the ERP client owning the order)
 */
public record UsageScenarioSuppliedV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String usageScenario,
        @JsonProperty(required = true) String suppliedBy,
        @JsonProperty(required = true) Instant occurredAt) implements WireEvent {

    public static final String TYPE = "tollgate.order.usage-scenario-supplied.v1";

    public UsageScenarioSuppliedV1 {
        Require.text("orderId", orderId);
        Require.text("usageScenario", usageScenario);
        if (usageScenario.length() > WireLimits.USAGE_SCENARIO_CHARS_MAX) {
            throw new ContractViolationException("usageScenario", "must be at most "
                    + WireLimits.USAGE_SCENARIO_CHARS_MAX + " characters");
        }
        Require.text("suppliedBy", suppliedBy);
        if (suppliedBy.length() > WireLimits.ID_CHARS_MAX) {
            throw new ContractViolationException("suppliedBy", "must be at most "
                    + WireLimits.ID_CHARS_MAX + " characters");
        }
        Require.present("occurredAt", occurredAt);
    }
}
