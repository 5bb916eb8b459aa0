package io.tollgate.audit.rules;

import java.util.Objects;

/**
 * One posting line of a derived entry: a positive amount in minor units on one side of one
 * account.
 */
public record Line(String account, String currency, Side side, long amountMinor) {

    public Line {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(side, "side");
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a line amount must be positive, got "
                    + amountMinor);
        }
    }

    static Line debit(String account, String currency, long amountMinor) {
        return new Line(account, currency, Side.D, amountMinor);
    }

    static Line credit(String account, String currency, long amountMinor) {
        return new Line(account, currency, Side.C, amountMinor);
    }

    /** Debits count positive, credits negative. */
    public long signedMinor() {
        return side == Side.D ? amountMinor : -amountMinor;
    }

    Line opposite() {
        return new Line(account, currency, side == Side.D ? Side.C : Side.D, amountMinor);
    }
}
