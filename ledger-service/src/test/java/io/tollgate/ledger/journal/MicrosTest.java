package io.tollgate.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.ledger.posting.LedgerLimits;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The journal's microsecond counts hold every instant the ledger accepts, the latest included. */
class MicrosTest {

    @Test
    void theLatestAcceptedInstantHasAMicrosecondCount() {
        Instant last = LedgerLimits.TIME_MAX.minus(1, ChronoUnit.MICROS);
        assertThat(EntryHasher.ofMicros(EntryHasher.micros(last))).isEqualTo(last);
    }

    @Test
    void microsAreTruncatedAsBefore() {
        Instant t = Instant.parse("2026-11-01T09:00:00.123456789Z");
        assertThat(EntryHasher.micros(t)).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, t));
    }
}
