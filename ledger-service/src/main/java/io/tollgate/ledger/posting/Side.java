package io.tollgate.ledger.posting;

/** The side of a posting. A balance is debits − credits. */
public enum Side {
    DEBIT("D"),
    CREDIT("C");

    private final String code;

    Side(String code) {
        this.code = code;
    }

    /** The one-letter code used in the journal tables and in the canonical entry bytes. */
    public String code() {
        return code;
    }

    public static Side ofCode(String code) {
        if ("D".equals(code)) {
            return DEBIT;
        }
        if ("C".equals(code)) {
            return CREDIT;
        }
        throw new IllegalArgumentException("side must be D or C, got " + code);
    }
}
