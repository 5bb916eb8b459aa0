package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The conditions attached to a grant.
 *
 * @param revenueShareRate the fraction of the gross owed to the payee, a decimal string ("0.25")
 * @param payee            who is owed the share, e.g. US-TREASURY
 */
public record GrantConditions(
        @JsonProperty(required = true) String revenueShareRate,
        @JsonProperty(required = true) String payee) {

    public GrantConditions {
        Require.text("revenueShareRate", revenueShareRate);
        Require.text("payee", payee);
        try {
            RevenueShare.parseRate(revenueShareRate);
        } catch (IllegalArgumentException e) {
            throw new ContractViolationException("revenueShareRate", "must be a decimal in [0, 1]");
        }
    }

    public static GrantConditions defaults() {
        return new GrantConditions(RevenueShare.DEFAULT_RATE.toPlainString(), RevenueShare.DEFAULT_PAYEE);
    }
}
