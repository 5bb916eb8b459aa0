package io.tollgate.ledger.posting;

/** What produced a journal entry. */
public enum EntryKind {
    /** A grant with its request: receivable/revenue (gross) and expense/liability (share). */
    AUTHORIZATION,
    /** A cancellation undoing exactly the postings of the grant it voids. */
    REVERSAL,
    /** A revenue-share payment classified on arrival of what it needs (may include suspense lines). */
    PAYMENT,
    /** A payment that waited past the park timeout, held in suspense:unknown-*. */
    TIMEOUT,
    /** A timed-out payment moved out of suspense once what it waited for arrived. */
    RESOLUTION,
    /** A memo of a decision that does not stand: its order's gross on both sides of a suspense account. */
    ANOMALY
}
