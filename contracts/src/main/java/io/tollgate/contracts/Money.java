package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money as it travels on the wire: a plain decimal string and an ISO 4217 currency.
 * Never a float; never more decimals than the currency's minor unit allows.
 */
public record Money(@JsonProperty(required = true) String amount,
                    @JsonProperty(required = true) String currency) {

    /** Digits, an optional minus sign and an optional fraction; no exponent, no grouping. */
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,6})?");
    /** Compiled once: String.matches would compile it for every amount a consumer decodes. */
    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        if (amount == null) {
            throw new InvalidMoneyException("amount", "is required");
        }
        if (currency == null) {
            throw new InvalidMoneyException("currency", "is required");
        }
        if (!DECIMAL.matcher(amount).matches()) {
            throw new InvalidMoneyException("amount",
                    "must be a plain decimal string such as \"1234.56\", got \"" + abbreviate(amount) + "\"");
        }
        Currency iso = currencyOf(currency);
        int fraction = iso.getDefaultFractionDigits();
        if (fraction < 0) {
            throw new InvalidMoneyException("currency", "has no minor unit: " + currency);
        }
        if (new BigDecimal(amount).scale() > fraction) {
            throw new InvalidMoneyException("amount",
                    "has more decimals than " + currency + " allows (" + fraction + ")");
        }
    }

    /** Money at the currency's exact minor-unit scale; rejects a value that would need rounding. */
    public static Money of(BigDecimal value, String currency) {
        Objects.requireNonNull(value, "value");
        int fraction = currencyOf(currency).getDefaultFractionDigits();
        BigDecimal scaled = value.setScale(fraction, RoundingMode.UNNECESSARY);
        return new Money(scaled.toPlainString(), currency);
    }

    /** Money from an integer count of the currency's minor unit (cents for USD, yen for JPY). */
    public static Money ofMinor(long minorUnits, String currency) {
        int fraction = currencyOf(currency).getDefaultFractionDigits();
        return new Money(BigDecimal.valueOf(minorUnits, fraction).toPlainString(), currency);
    }

    public static Money zero(String currency) {
        return ofMinor(0, currency);
    }

    /** The decimal value at the currency's minor-unit scale ("10.5" USD becomes 10.50). */
    @JsonIgnore
    public BigDecimal value() {
        return new BigDecimal(amount).setScale(minorDigits(), RoundingMode.UNNECESSARY);
    }

    /** The amount as an exact count of minor units; throws if it does not fit a long. */
    @JsonIgnore
    public long minorUnits() {
        return value().movePointRight(minorDigits()).longValueExact();
    }

    @JsonIgnore
    public int minorDigits() {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    @JsonIgnore
    public boolean isNegative() {
        return value().signum() < 0;
    }

    @JsonIgnore
    public boolean isZero() {
        return value().signum() == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return Money.of(value().add(other.value()), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return Money.of(value().subtract(other.value()), currency);
    }

    /** Multiplies by a whole count (unit price × quantity); exact, never rounds. */
    public Money times(long count) {
        return Money.of(value().multiply(BigDecimal.valueOf(count)), currency);
    }

    public int compareTo(Money other) {
        requireSameCurrency(other);
        return value().compareTo(other.value());
    }

    /** The same amount written at the currency's scale, so equal values have equal strings. */
    public Money canonical() {
        return Money.of(value(), currency);
    }

    public void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    @Override
    public String toString() {
        return amount + " " + currency;
    }

    static Currency currencyOf(String code) {
        if (code == null || !ISO_CODE.matcher(code).matches()) {
            throw new InvalidMoneyException("currency", "must be an ISO 4217 code such as USD, got \""
                    + abbreviate(String.valueOf(code)) + "\"");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidMoneyException("currency", "is not an ISO 4217 currency: " + code);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** A money value that breaks the wire rules; names the offending field. */
    public static final class InvalidMoneyException extends ContractViolationException {
        public InvalidMoneyException(String field, String rule) {
            super(field, rule);
        }
    }

    /** Two amounts in different currencies were combined. */
    public static final class CurrencyMismatchException extends IllegalArgumentException {
        public CurrencyMismatchException(String expected, String actual) {
            super("currency mismatch: expected " + expected + ", got " + actual);
        }
    }
}
