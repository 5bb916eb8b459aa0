package io.tollgate.ledger.posting;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The side of a posting. A balance is debits − credits. On the HTTP API: "debit" or "credit". */
public enum Side {
    DEBIT("D"),
    CREDIT("C");

    private final String code;

    Side(String code) {
        this.code = code;
    }

    /** How the HTTP API writes the side. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The side of a stored code, or null for a code that is neither (a tampered row in the export). */
    public static Side ofCodeOrNull(String code) {
        return "D".equals(code) ? DEBIT : "C".equals(code) ? CREDIT : null;
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
