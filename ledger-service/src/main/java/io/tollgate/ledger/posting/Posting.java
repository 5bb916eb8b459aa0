package io.tollgate.ledger.posting;

import java.util.Objects;

/**
 * One line of a journal entry: an amount in the currency's minor units on one side of one account.
 * Amounts are always positive; the side carries the sign.
 */
public record Posting(String account, String currency, Side side, long amountMinor) {

    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(side, "side");
        if (account.isBlank()) {
            throw new IllegalArgumentException("account must not be blank");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got " + currency);
        }
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a posting amount must be positive, got " + amountMinor);
        }
    }

    public static Posting debit(String account, String currency, long amountMinor) {
        return new Posting(account, currency, Side.DEBIT, amountMinor);
    }

    public static Posting credit(String account, String currency, long amountMinor) {
        return new Posting(account, currency, Side.CREDIT, amountMinor);
    }

    /** The same amount on the other side: how a reversal undoes a posting without editing it. */
    public Posting reversed() {
        return new Posting(account, currency, side == Side.DEBIT ? Side.CREDIT : Side.DEBIT, amountMinor);
    }

    /** Debits count positive, credits negative. */
    public long signedMinor() {
        return side == Side.DEBIT ? amountMinor : -amountMinor;
    }
}
