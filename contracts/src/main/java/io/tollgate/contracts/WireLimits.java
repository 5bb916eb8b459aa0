package io.tollgate.contracts;

import java.math.BigDecimal;

/**
 * The stated maximum of every amount, count and string the contract carries. Producers refuse
 * anything above them where it enters (order-service answers 422 naming the field and the limit),
 * so no event a consumer cannot hold is ever published.
 *
 * <p>Why the amount bound: the ledger keeps money as {@code long} minor units and sums the orders
 * of one customer, one product family and the whole Treasury liability. With every amount (a unit
 * price, an order's gross, a payment) at most {@value #AMOUNT_MINOR_UNITS_MAX} minor units of its
 * currency (USD 10,000,000,000.00; JPY 1,000,000,000,000; BHD 1,000,000,000.000), more than nine
 * million orders of the largest size fit in one account before {@link Long#MAX_VALUE} (about
 * 9.2 × 10<sup>18</sup>) is reached — far beyond any real book. The bound is per currency through
 * its minor unit, so it is the same integer for the ledger whatever the currency.
 */
public final class WireLimits {

    /** Largest amount of any money value at intake, in minor units of its currency (10^12). */
    public static final long AMOUNT_MINOR_UNITS_MAX = 1_000_000_000_000L;
    /** Largest quantity of one order; anything above is a typing error, not a sale. */
    public static final long QUANTITY_MAX = 1_000_000;
    /** Order ids are UUIDs (36 characters); the bound leaves room, and fits every column. */
    public static final int ORDER_ID_CHARS_MAX = 64;
    /** Customer ids, ERP references, treasury references and Idempotency-Keys. */
    public static final int ID_CHARS_MAX = 200;
    public static final int CUSTOMER_NAME_CHARS_MAX = 500;
    public static final int PRODUCT_SKU_CHARS_MAX = 100;
    /** A usage scenario is prose for a reviewer; ten thousand characters is several pages. */
    public static final int USAGE_SCENARIO_CHARS_MAX = 10_000;
    /** A decision's policy version and clause: names, as regulator-service validates them. */
    public static final int POLICY_VERSION_CHARS_MAX = 40;
    public static final int POLICY_CLAUSE_CHARS_MAX = 60;
    /** What a waiting application asks for ({@link AuthorizationPendingV1#requirement}): a few sentences. */
    public static final int PENDING_REQUIREMENT_CHARS_MAX = 2_000;
    /**
     * Names of open sets: a pending application's {@code waitingFor} and {@code code}, a
     * passed-over supply's {@code supply} and {@code applicationState}.
     */
    public static final int CODE_CHARS_MAX = 60;

    private WireLimits() {
    }

    /** The largest amount allowed in {@code currency}, e.g. 10000000000.00 for USD. */
    public static Money amountMax(String currency) {
        return Money.ofMinor(AMOUNT_MINOR_UNITS_MAX, currency);
    }

    /** True when {@code money} is within {@link #AMOUNT_MINOR_UNITS_MAX} minor units (either sign). */
    public static boolean amountWithin(Money money) {
        return amountWithin(money.value(), money.currency());
    }

    /**
     * True when {@code value} in {@code currency} is within the bound; takes a plain decimal so a
     * product such as unit price × quantity is checked before it is made into (and might not fit)
     * a {@link Money}.
     */
    public static boolean amountWithin(BigDecimal value, String currency) {
        BigDecimal max = BigDecimal.valueOf(AMOUNT_MINOR_UNITS_MAX,
                Money.currencyOf(currency).getDefaultFractionDigits());
        return value.abs().compareTo(max) <= 0;
    }
}
