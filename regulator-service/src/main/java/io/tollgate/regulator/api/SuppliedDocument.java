package io.tollgate.regulator.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One document supplied for an application: what it is, who issued it, the day it was issued and
 * the last day it is valid (both calendar days, UTC), the issuer's reference and the SHA-256 of
 * the document's bytes, so the record can be checked against the paper without storing it. The
 * request's edge ({@code rest.DocumentIntake}) states and enforces the limits; this only refuses
 * what can never be valid.
 */
public record SuppliedDocument(DocumentKind kind, String issuer, LocalDate issuedOn, LocalDate expiresOn,
                               String reference, String sha256) {

    /** The SHA-256 as stored: 64 lower-case hex digits. */
    public static final String SHA256_PATTERN = "[0-9a-f]{64}";

    public SuppliedDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(expiresOn, "expiresOn");
        if (issuer == null || issuer.isBlank() || reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("issuer and reference are required");
        }
        if (expiresOn.isBefore(issuedOn)) {
            throw new IllegalArgumentException("expiresOn " + expiresOn + " is before issuedOn " + issuedOn);
        }
        if (sha256 == null || !sha256.matches(SHA256_PATTERN)) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /** True when the document is valid on {@code day}: issued on or before it, expiring on or after it. */
    public boolean validOn(LocalDate day) {
        return !issuedOn.isAfter(day) && !expiresOn.isBefore(day);
    }
}
