package io.tollgate.regulator.rest;

import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.regulator.api.DocumentKind;
import io.tollgate.regulator.api.SuppliedDocument;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The edge of {@code POST /api/v1/applications/{orderId}/documents}: states every limit of a
 * supplied document and refuses a bad one with a 422 problem naming the field, before anything is
 * stored. Days are calendar days in UTC.
 */
final class DocumentIntake {

    static final int ISSUER_CHARS_MAX = 200;
    static final int REFERENCE_CHARS_MAX = 100;
    /** The longest validity a document may state: ten years from its issue. */
    static final int VALIDITY_DAYS_MAX = 3_660;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** Printable text: no control characters (line breaks included). */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

    private DocumentIntake() {
    }

    static SuppliedDocument check(ApplicationResource.DocumentRequest body, LocalDate today) {
        ApplicationResource.DocumentRequest request = Problems.body(body);
        DocumentKind kind = kind(request.kind());
        String issuer = text("issuer", request.issuer(), ISSUER_CHARS_MAX);
        String reference = text("reference", request.reference(), REFERENCE_CHARS_MAX);
        LocalDate issuedOn = required("issuedOn", request.issuedOn());
        LocalDate expiresOn = required("expiresOn", request.expiresOn());
        if (issuedOn.isAfter(today)) {
            throw new ProblemException(422, "DOCUMENT_DATES_INVALID", "issuedOn", "issuedOn " + issuedOn
                    + " is in the future (today is " + today + " UTC)");
        }
        if (expiresOn.isBefore(issuedOn)) {
            throw new ProblemException(422, "DOCUMENT_DATES_INVALID", "expiresOn", "expiresOn " + expiresOn
                    + " is before issuedOn " + issuedOn);
        }
        if (expiresOn.isAfter(issuedOn.plusDays(VALIDITY_DAYS_MAX))) {
            throw ProblemException.limitExceeded(422, "expiresOn", "expiresOn must be at most "
                    + VALIDITY_DAYS_MAX + " days after issuedOn");
        }
        if (expiresOn.isBefore(today)) {
            throw new ProblemException(422, "DOCUMENT_EXPIRED", "expiresOn", "the document expired on "
                    + expiresOn + " (today is " + today + " UTC): it can never count; supply a current one");
        }
        String sha256 = request.sha256();
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new ProblemException(422, "INVALID_FIELD", "sha256",
                    "sha256 must be the SHA-256 of the document: 64 hex digits");
        }
        return new SuppliedDocument(kind, issuer, issuedOn, expiresOn, reference,
                sha256.toLowerCase(Locale.ROOT));
    }

    private static DocumentKind kind(String kind) {
        if (kind != null) {
            for (DocumentKind k : DocumentKind.values()) {
                if (k.name().equals(kind)) {
                    return k;
                }
            }
        }
        throw new ProblemException(422, "DOCUMENT_KIND_UNKNOWN", "kind", "kind must be one of "
                + Arrays.toString(DocumentKind.values()));
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(422, "INVALID_FIELD", field, field + " is required");
        }
        if (value.length() > max) {
            throw ProblemException.limitExceeded(422, field, field + " must be at most " + max + " characters");
        }
        if (!PRINTABLE.matcher(value).matches()) {
            throw new ProblemException(422, "INVALID_FIELD", field, field + " must hold no control characters");
        }
        return value.trim();
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new ProblemException(422, "INVALID_FIELD", field, field + " is required (an ISO-8601 date)");
        }
        return value;
    }
}
