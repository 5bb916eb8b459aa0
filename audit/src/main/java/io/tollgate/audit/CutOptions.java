package io.tollgate.audit;

import io.tollgate.audit.figures.Basis;
import io.tollgate.audit.figures.Cut;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Which figures: now or as of an instant, on which basis, of one currency or all. */
final class CutOptions {

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = Converters.InstantValue.class,
        description = "ISO-8601 instant, e.g. 2026-12-01T00:00:00Z (default: now, every entry).")
    Instant asOf;

    @Option(names = "--basis", paramLabel = "business|recording", defaultValue = "business",
        converter = Converters.BasisValue.class,
        description = "Cut by business time (default) or by recording time"
            + " (docs/ledger-rules.md §7, §8).")
    Basis basis;

    @Option(names = "--currency", paramLabel = "CUR", converter = Converters.CurrencyValue.class,
        description = "Only this ISO 4217 currency (default: all).")
    String currency;

    Cut cut() {
        return new Cut(basis, asOf);
    }
}
