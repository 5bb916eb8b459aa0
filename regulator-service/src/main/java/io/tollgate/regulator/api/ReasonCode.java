package io.tollgate.regulator.api;

/**
 * Why a track refused or is waiting. Stable wire codes ({@code DenialReason.code}): a value is
 * never renamed, removed or reused for another meaning; new reasons are appended.
 */
public enum ReasonCode {
    PRODUCT_PROHIBITED,
    PRODUCT_UNKNOWN,
    CUSTOMER_NOT_DESIGNATED,
    CUSTOMER_REVOKED,
    UNIT_CAP_EXCEEDED,
    USAGE_SCENARIO_MISSING,
    USAGE_SCENARIO_UNACCEPTABLE,
    OFFICER_DENIED
}
