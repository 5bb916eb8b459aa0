package io.tollgate.regulator.api;

/** Where a proposal stands. Only PROPOSED is open; the others are final. */
public enum ProposalStatus {
    PROPOSED,
    /** Approved by a second compliance principal: the change took effect in the same transaction. */
    APPROVED,
    /** Refused by a second compliance principal: nothing changed. */
    REJECTED,
    /** Taken back by its proposer: nothing changed. */
    WITHDRAWN
}
