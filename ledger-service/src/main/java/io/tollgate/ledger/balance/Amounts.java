package io.tollgate.ledger.balance;

import java.math.BigDecimal;
import java.util.Currency;

/** Minor units to the wire's decimal strings ("1234.50" for 123450 USD cents). */
public final class Amounts {

    private Amounts() {
    }

    public static String format(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits()).toPlainString();
    }
}
