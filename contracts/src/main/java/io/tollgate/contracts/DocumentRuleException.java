package io.tollgate.contracts;

/**
 * A supplied document breaks one of its field rules ({@link SuppliedDocument}). Carries the stable
 * problem code each service's edge answers with (422, naming {@link #field()}), so both services
 * refuse the same document with the same code.
 */
public class DocumentRuleException extends ContractViolationException {

    /** The kind is not one of {@link DocumentKind}. */
    public static final String KIND_UNKNOWN = "DOCUMENT_KIND_UNKNOWN";
    /** A field is absent, blank, holds control characters or is not a SHA-256. */
    public static final String INVALID_FIELD = "INVALID_FIELD";
    /** A text is too long, or the validity too long. */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
    /** The expiry is before the issue, or the issue is after today. */
    public static final String DATES_INVALID = "DOCUMENT_DATES_INVALID";
    /** The document expired before today: it can never count. */
    public static final String EXPIRED = "DOCUMENT_EXPIRED";

    /** Every code this exception carries: the services' error catalogues list each. */
    public static final java.util.List<String> CODES = java.util.List.of(KIND_UNKNOWN, INVALID_FIELD,
            LIMIT_EXCEEDED, DATES_INVALID, EXPIRED);

    private final String code;

    /** {@code rule} completes a sentence that starts with the field's name ("issuer must ..."). */
    public DocumentRuleException(String code, String field, String rule) {
        super(field, rule);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
