package io.tollgate.audit.rules;

/** What made an entry (docs/ledger-rules.md §4). */
public enum Kind {
    AUTHORIZATION,
    REVERSAL,
    PAYMENT,
    TIMEOUT,
    RESOLUTION,
    ANOMALY
}
