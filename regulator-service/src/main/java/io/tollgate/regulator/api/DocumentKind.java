package io.tollgate.regulator.api;

/**
 * The kinds of document a policy version can require of an application. Stable names: a value is
 * never renamed, removed or reused for another meaning; new kinds are appended.
 */
public enum DocumentKind {
    /**
     * The consignee's attestation that it runs rigorous know-your-customer procedures, including
     * against unauthorised remote access to the accelerators (buyer security / KYC).
     */
    BUYER_KYC_ATTESTATION,
    /** A qualified third-party testing lab in the US reviewed this shipment before export. */
    LAB_TEST_REPORT
}
