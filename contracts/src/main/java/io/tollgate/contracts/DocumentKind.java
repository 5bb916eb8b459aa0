package io.tollgate.contracts;

/**
 * The kinds of document a policy version can require of an application. Stable names: a value is
 * never renamed, removed or reused for another meaning; new kinds are appended. Part of the
 * contract because the ERP supplies them through order-service ({@link DocumentSuppliedV1}) and
 * the regulator requires and judges them.
 */
public enum DocumentKind {
    /**
     * The consignee's attestation that it runs rigorous know-your-customer procedures, including
     * against unauthorised remote access to the accelerators (buyer security / KYC).
     */
    BUYER_KYC_ATTESTATION,
    /** A qualified third-party testing lab in the US reviewed this shipment before export. */
    LAB_TEST_REPORT;

    /**
     * The kind named {@code name} exactly.
     *
     * @throws DocumentRuleException {@code DOCUMENT_KIND_UNKNOWN} naming {@code kind}
     */
    public static DocumentKind named(String name) {
        if (name != null) {
            for (DocumentKind kind : values()) {
                if (kind.name().equals(name)) {
                    return kind;
                }
            }
        }
        throw new DocumentRuleException(DocumentRuleException.KIND_UNKNOWN, "kind",
                "must be one of " + java.util.Arrays.toString(values()));
    }
}
