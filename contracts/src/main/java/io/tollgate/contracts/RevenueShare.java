package io.tollgate.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The one place where revenue share is computed: {@code amount × rate}, rounded HALF_EVEN to the
 * currency's minor unit. Every service uses this, so order-service, regulator and ledger agree to the cent.
 */
public final class RevenueShare {

    /** The rate the default policy grants: 25% of the sale. */
    public static final BigDecimal DEFAULT_RATE = new BigDecimal("0.25");

    /** A wire rate: 0 or 1 with up to six decimals; compiled once, as every grant is parsed. */
    private static final Pattern RATE = Pattern.compile("(0|1)(\\.[0-9]{1,6})?");

    /** The payee every grant names by default. */
    public static final String DEFAULT_PAYEE = "US-TREASURY";

    private RevenueShare() {
    }

    /** The share of {@code gross} owed at {@code rate} (a fraction in [0, 1]). */
    public static Money of(Money gross, BigDecimal rate) {
        requireValidRate(rate);
        BigDecimal share = gross.value().multiply(rate)
                .setScale(gross.minorDigits(), RoundingMode.HALF_EVEN);
        return Money.of(share, gross.currency());
    }

    /** Parses and checks a wire rate string such as "0.25". */
    public static BigDecimal parseRate(String rate) {
        if (rate == null || !RATE.matcher(rate).matches()) {
            throw new IllegalArgumentException("revenueShareRate must be a decimal in [0, 1], got " + rate);
        }
        BigDecimal parsed = new BigDecimal(rate);
        requireValidRate(parsed);
        return parsed;
    }

    public static void requireValidRate(BigDecimal rate) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("revenueShareRate must be in [0, 1], got " + rate);
        }
    }
}
