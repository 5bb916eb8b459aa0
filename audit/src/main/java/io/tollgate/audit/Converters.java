package io.tollgate.audit;

import io.tollgate.audit.figures.Basis;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked where they enter, each refusal naming the rule (exit code 2). */
final class Converters {

    /** The journal's time range (docs/ledger-rules.md §1): what the ledger's API accepts too. */
    static final Instant TIME_FIRST = Instant.EPOCH;
    static final Instant TIME_END = Instant.parse("+10000-01-01T00:00:00Z");

    private Converters() {
    }

    /** picocli prints it after "Invalid value for option '--name': ". */
    static TypeConversionException refused(String value, String rule) {
        return new TypeConversionException("'" + value + "' " + rule);
    }

    /** An ISO-8601 instant within the journal's range. */
    static final class InstantValue implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Instant t;
            try {
                t = Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw refused(value, "is not an ISO-8601 instant such as 2026-12-01T00:00:00Z"
                        + " (UTC, with the Z)");
            }
            if (t.isBefore(TIME_FIRST) || !t.isBefore(TIME_END)) {
                throw refused(value, "is outside [" + TIME_FIRST + ", " + TIME_END + ")");
            }
            return t;
        }
    }

    /** business, or recording (the ledger's API spells it recorded; both are accepted). */
    static final class BasisValue implements ITypeConverter<Basis> {
        @Override
        public Basis convert(String value) {
            if (value.equals("business")) {
                return Basis.BUSINESS;
            }
            if (value.equals("recording") || value.equals("recorded")) {
                return Basis.RECORDING;
            }
            throw refused(value, "is not a basis: business or recording");
        }
    }

    /** An ISO 4217 code with a minor unit, as the ledger's API takes it. */
    static final class CurrencyValue implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.matches("[A-Z]{3}")) {
                throw refused(value, "is not an ISO 4217 code such as USD");
            }
            try {
                if (Currency.getInstance(value).getDefaultFractionDigits() >= 0) {
                    return value;
                }
            } catch (IllegalArgumentException unknown) {
                // refused below
            }
            throw refused(value, "is not an ISO 4217 currency with a minor unit");
        }
    }

    /** A positive ISO-8601 duration such as PT15M. */
    static final class DurationValue implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw refused(value, "is not an ISO-8601 duration such as PT15M");
            }
            if (d.isNegative() || d.isZero()) {
                throw refused(value, "must be a positive duration");
            }
            return d;
        }
    }
}
