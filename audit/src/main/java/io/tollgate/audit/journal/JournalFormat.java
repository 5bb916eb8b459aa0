package io.tollgate.audit.journal;

import java.util.Locale;

/** How a journal is exported: CSV (one row per line) or JSON Lines (one object per entry). */
public enum JournalFormat {
    CSV,
    JSONL;

    /** The CSV columns, in order; the JSON Lines fields carry the same names in camel case. */
    static final String[] CSV_COLUMNS = {"entry_id", "kind", "order_id", "business_time",
        "recorded_time", "source_event_id", "source_topic", "source_partition", "source_offset",
        "source_record_time", "principal", "line", "account", "currency", "side", "amount",
        "amount_minor"};

    public static JournalFormat of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
