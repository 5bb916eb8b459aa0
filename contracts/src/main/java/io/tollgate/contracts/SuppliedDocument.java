package io.tollgate.contracts;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One document supplied for an order's application: what it is, who issued it, the day it was
 * issued and the last day it is valid (calendar days, UTC), the issuer's reference and the SHA-256
 * of the document's bytes, so the record can be checked against the paper without storing it.
 *
 * <p>The one place of a document's field rules that need no clock: every instance is valid
 * (issuer and reference trimmed, the digest lower-cased). The rules that need today's date are
 * {@link #requireCurrentOn}, which each service's edge calls with its own today; events recorded
 * earlier are never checked against a later day. A broken rule throws {@link DocumentRuleException}
 * naming the field and carrying the problem code.
 */
public record SuppliedDocument(DocumentKind kind, String issuer, LocalDate issuedOn, LocalDate expiresOn,
                               String reference, String sha256) {

    public static final int ISSUER_CHARS_MAX = 200;
    public static final int REFERENCE_CHARS_MAX = 100;
    /** The longest validity a document may state: ten years from its issue. */
    public static final int VALIDITY_DAYS_MAX = 3_660;
    /** The SHA-256 as stored: 64 lower-case hex digits (any case is taken, and lower-cased). */
    public static final String SHA256_PATTERN = "[0-9a-f]{64}";
    private static final Pattern SHA256_ANY_CASE = Pattern.compile("[0-9a-fA-F]{64}");
    /** Printable text: no control characters (line breaks included). */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

    public SuppliedDocument {
        if (kind == null) {
            throw new DocumentRuleException(DocumentRuleException.KIND_UNKNOWN, "kind",
                    "must be one of " + java.util.Arrays.toString(DocumentKind.values()));
        }
        issuer = text("issuer", issuer, ISSUER_CHARS_MAX);
        reference = text("reference", reference, REFERENCE_CHARS_MAX);
        day("issuedOn", issuedOn);
        day("expiresOn", expiresOn);
        if (expiresOn.isBefore(issuedOn)) {
            throw new DocumentRuleException(DocumentRuleException.DATES_INVALID, "expiresOn",
                    expiresOn + " is before issuedOn " + issuedOn);
        }
        if (expiresOn.isAfter(issuedOn.plusDays(VALIDITY_DAYS_MAX))) {
            throw new DocumentRuleException(DocumentRuleException.LIMIT_EXCEEDED, "expiresOn",
                    "must be at most " + VALIDITY_DAYS_MAX + " days after issuedOn");
        }
        if (sha256 == null || !SHA256_ANY_CASE.matcher(sha256).matches()) {
            throw new DocumentRuleException(DocumentRuleException.INVALID_FIELD, "sha256",
                    "must be the SHA-256 of the document: 64 hex digits");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** A document whose kind is given by name, as a request body carries it. */
    public static SuppliedDocument of(String kind, String issuer, LocalDate issuedOn, LocalDate expiresOn,
                                      String reference, String sha256) {
        return new SuppliedDocument(DocumentKind.named(kind), issuer, issuedOn, expiresOn, reference, sha256);
    }

    /**
     * This document, refused unless it can count on {@code today} or later: issued on or before
     * {@code today} (a document from the future is a typing error) and not yet expired (an expired
     * one never counts). Each service's edge passes its own UTC day.
     *
     * @throws DocumentRuleException DOCUMENT_DATES_INVALID on issuedOn, DOCUMENT_EXPIRED on expiresOn
     */
    public SuppliedDocument requireCurrentOn(LocalDate today) {
        if (issuedOn.isAfter(today)) {
            throw new DocumentRuleException(DocumentRuleException.DATES_INVALID, "issuedOn",
                    issuedOn + " is in the future (today is " + today + " UTC)");
        }
        if (expiresOn.isBefore(today)) {
            throw new DocumentRuleException(DocumentRuleException.EXPIRED, "expiresOn", expiresOn
                    + " has passed (today is " + today + " UTC): the document can never count;"
                    + " supply a current one");
        }
        return this;
    }

    /** True when the document is valid on {@code day}: issued on or before it, expiring on or after it. */
    public boolean validOn(LocalDate day) {
        return !issuedOn.isAfter(day) && !expiresOn.isBefore(day);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new DocumentRuleException(DocumentRuleException.INVALID_FIELD, field, "is required");
        }
        if (value.length() > max) {
            throw new DocumentRuleException(DocumentRuleException.LIMIT_EXCEEDED, field,
                    "must be at most " + max + " characters");
        }
        if (!PRINTABLE.matcher(value).matches()) {
            throw new DocumentRuleException(DocumentRuleException.INVALID_FIELD, field,
                    "must hold no control characters");
        }
        return value.trim();
    }

    private static void day(String field, LocalDate value) {
        if (value == null) {
            throw new DocumentRuleException(DocumentRuleException.INVALID_FIELD, field,
                    "is required (an ISO-8601 date)");
        }
    }
}
