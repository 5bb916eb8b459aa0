package io.tollgate.audit.replay;

import io.tollgate.audit.rules.Source;
import io.tollgate.contracts.WireEvent;

/** A record decoded for the rules: its source and event, or why it is skipped (rules §1). */
public record Decoded(Source source, WireEvent event, String skipReason) {

    public boolean skipped() {
        return event == null;
    }
}
