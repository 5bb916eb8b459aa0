package io.tollgate.contracts;

import java.util.Locale;
import java.util.Set;

/**
 * Country codes on the wire: ISO 3166-1 alpha-2, upper case ({@code CN}, {@code MO}, {@code DE}),
 * checked against the JDK's list of officially assigned codes.
 */
public final class Countries {

    /** The People's Republic of China. */
    public static final String CHINA = "CN";
    /** Macau (Macao), listed on its own in the rule. */
    public static final String MACAU = "MO";
    /** Characters of a country code: exactly two. */
    public static final int CODE_CHARS = 2;

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    private Countries() {
    }

    /** True when {@code code} is an assigned ISO 3166-1 alpha-2 code in upper case. */
    public static boolean isCode(String code) {
        return code != null && code.length() == CODE_CHARS && CODES.contains(code);
    }

    /** Refuses anything but an assigned upper-case alpha-2 code, naming {@code field}. */
    static void require(String field, String code) {
        Require.present(field, code);
        if (!isCode(code)) {
            throw new ContractViolationException(field, "must be an ISO 3166-1 alpha-2 country code"
                    + " in upper case (e.g. CN, MO, DE), got " + code);
        }
    }

    /** Refuses a present value that is not a code; null passes. */
    static void optional(String field, String code) {
        if (code != null) {
            require(field, code);
        }
    }
}
