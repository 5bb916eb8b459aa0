package io.tollgate.ledger.posting;

import java.util.Locale;

/** The chart of accounts (DESIGN.md, "Ledger"); every account exists per currency. */
public final class Accounts {

    public static final String CASH_OPERATING = "cash:operating";
    public static final String EXPENSE_REVENUE_SHARE = "expense:revenue-share";
    public static final String SUSPENSE_PREFIX = "suspense:";
    public static final String LIABILITY_PREFIX = "liability:revenue-share:";

    private Accounts() {
    }

    public static String receivable(String customerId) {
        return "receivable:customer:" + customerId;
    }

    public static String revenue(String productFamily) {
        return "revenue:sales:" + productFamily.toLowerCase(Locale.ROOT);
    }

    /** The payee's liability account: US-TREASURY becomes liability:revenue-share:us-treasury. */
    public static String liability(String payee) {
        return LIABILITY_PREFIX + payee.toLowerCase(Locale.ROOT);
    }

    public static String suspense(SuspenseReason reason) {
        return SUSPENSE_PREFIX + reason.slug();
    }

    public static boolean isSuspense(String account) {
        return account.startsWith(SUSPENSE_PREFIX);
    }
}
