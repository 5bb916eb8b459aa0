package io.tollgate.contracts;

/**
 * What kind of transfer an order is, in the Export Administration Regulations' terms. The BIS rule
 * effective 15 January 2026 reviews only exports (from the US) case by case; reexports and
 * in-country transfers stay under a presumption of denial.
 */
public enum TransactionKind {
    /** Shipped from the United States to the destination. */
    EXPORT,
    /** Shipped from one foreign country to another. */
    REEXPORT,
    /** A change of end user or end use within one foreign country. */
    IN_COUNTRY_TRANSFER
}
