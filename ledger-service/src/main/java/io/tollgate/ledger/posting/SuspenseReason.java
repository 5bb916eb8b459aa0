package io.tollgate.ledger.posting;

/**
 * Why money went to a suspense account instead of where the rules would put it. Values are never
 * reused or renamed: the slug is part of the account name in the journal.
 */
public enum SuspenseReason {
    /**
     * A payment waited longer than the park timeout for the order or the grant it names. One reason for
     * both on purpose: which of the two was missing at that instant depends on arrival order, and the
     * ledger's final balances must not.
     */
    UNKNOWN_ORDER("unknown-order"),
    /** The part of a payment above what its grant still owes. */
    OVERPAYMENT("overpayment"),
    /** A payment in another currency than its order. */
    CURRENCY_MISMATCH("currency-mismatch"),
    /** A payment names an authorization that was a denial. */
    PAYMENT_FOR_DENIED_ORDER("payment-for-denied-order"),
    /** A payment arrived after the order's cancellation (on the same topic, so in that order). */
    PAYMENT_FOR_CANCELLED_ORDER("payment-for-cancelled-order"),
    /** A payment names another payee than the grant it pays. */
    PAYEE_MISMATCH("payee-mismatch"),
    /** A decision after the one that stands, of the same kind (a second grant, a second denial). */
    REPEATED_DECISION("repeated-decision"),
    /** A decision after the one that stands, of the other kind (a grant after a denial, or the reverse). */
    CONFLICTING_DECISION("conflicting-decision"),
    /** A payment names a decision that does not stand. */
    PAYMENT_FOR_ANOMALOUS_DECISION("payment-for-anomalous-decision");

    private final String slug;

    SuspenseReason(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
