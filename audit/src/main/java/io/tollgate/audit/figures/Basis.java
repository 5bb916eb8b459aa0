package io.tollgate.audit.figures;

import java.util.Locale;

/** Which time an as-of cut compares (docs/ledger-rules.md §8). */
public enum Basis {
    /** The entry's business time (the default). */
    BUSINESS("business"),
    /** When the entry was recorded: the ledger's clock, or the tool's replay clock. */
    RECORDING("recorded");

    private final String ledgerName;

    Basis(String ledgerName) {
        this.ledgerName = ledgerName;
    }

    /** How the ledger's {@code basis} query parameter spells it. */
    public String ledgerName() {
        return ledgerName;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
