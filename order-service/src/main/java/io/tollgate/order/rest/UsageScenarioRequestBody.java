package io.tollgate.order.rest;

import io.tollgate.contracts.WireLimits;

/**
 * The body of {@code POST /api/v1/orders/{orderId}/usage-scenario}: the usage scenario the order's
 * application waits for, 1 to {@link WireLimits#USAGE_SCENARIO_CHARS_MAX} characters (the
 * regulator's own limit; whether it is acceptable is the regulator's to judge).
 */
public record UsageScenarioRequestBody(String usageScenario) {

    /** Returns this body with every rule checked: present, not blank, within the limit. */
    UsageScenarioRequestBody validated() {
        RequestFields.text("usageScenario", usageScenario, WireLimits.USAGE_SCENARIO_CHARS_MAX);
        return this;
    }
}
