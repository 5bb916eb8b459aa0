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
    OFFICER_DENIED,
    /** A reexport or in-country transfer: not reviewed case by case, presumption of denial. */
    TRANSACTION_PRESUMPTION_OF_DENIAL,
    /** Buyer or ultimate parent headquartered in Macau or Country Group D:5, destination not reviewed. */
    HEADQUARTERS_LICENCE_REQUIRED,
    /** A destination in Country Group D:5 other than the reviewed ones: presumption of denial. */
    DESTINATION_PRESUMPTION_OF_DENIAL,
    /** No licence of the version covers the destination: not a sale Tollgate authorizes. */
    OUTSIDE_LICENSING_SCOPE,
    /** A document the version requires was never supplied for the application. */
    DOCUMENT_MISSING,
    /** Every supplied document of a required kind has expired, or is older than the version allows. */
    DOCUMENT_EXPIRED,
    /** The grant does not fit within the US-volume cap of its product class and period: it waits. */
    US_VOLUME_CAP_EXCEEDED,
    /** The application waited for US shipment reports longer than its version allows. */
    US_VOLUME_WAIT_EXPIRED
}
