package io.tollgate.audit.figures;

import io.tollgate.contracts.Money;
import java.util.Comparator;

/** One account's totals in one currency, in minor units; {@code balance = debits − credits}. */
public record BalanceRow(String account, String currency, long debitsMinor, long creditsMinor) {

    /** Canonical order (docs/ledger-rules.md §8): account, then currency. */
    public static final Comparator<BalanceRow> CANONICAL =
            Comparator.comparing(BalanceRow::account).thenComparing(BalanceRow::currency);

    public long balanceMinor() {
        return Math.subtractExact(debitsMinor, creditsMinor);
    }

    /** A minor-unit amount of this row's currency as the wire's decimal string. */
    public String decimal(long minor) {
        return Money.ofMinor(minor, currency).amount();
    }
}
