package io.tollgate.ledger.journal;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The ledger's own clock: recording times and park timeouts. A bean so a test can move it; the
 * engine itself never reads a clock.
 */
@ApplicationScoped
public class LedgerClock {

    private volatile Clock clock = Clock.systemUTC();

    public Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return clock.instant();
            }
        };
    }

    /** For tests: the clock to read from now on. */
    public void use(Clock replacement) {
        this.clock = replacement;
    }
}
