package io.tollgate.audit.rules;

/** The side of a posting line: a balance is debits − credits (docs/ledger-rules.md §2). */
public enum Side {
    D,
    C;

    /** How the ledger's HTTP API spells it. */
    public String word() {
        return this == D ? "debit" : "credit";
    }
}
