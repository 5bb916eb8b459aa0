package io.tollgate.ledger.balance;

import java.util.Comparator;

/** Totals of one account in one currency; {@code balance = debits − credits}. */
public record BalanceLine(String account, String currency, long debitsMinor, long creditsMinor) {

    /** The canonical order: by account, then currency. */
    public static final Comparator<BalanceLine> CANONICAL =
            Comparator.comparing(BalanceLine::account).thenComparing(BalanceLine::currency);

    public long balanceMinor() {
        return Math.subtractExact(debitsMinor, creditsMinor);
    }

    public BalanceLine plus(long debits, long credits) {
        return new BalanceLine(account, currency, Math.addExact(debitsMinor, debits),
                Math.addExact(creditsMinor, credits));
    }
}
