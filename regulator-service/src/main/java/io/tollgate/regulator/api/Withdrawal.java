package io.tollgate.regulator.api;

/** What a {@link WithdrawApplicationCommand} did. */
public enum Withdrawal {
    /** An open application was withdrawn. */
    WITHDRAWN,
    /** A granted application's units are to be given back to the customer's quarter. */
    UNITS_RETURNED,
    /** Already denied, withdrawn, or units already given back: nothing to do. */
    NOTHING
}
