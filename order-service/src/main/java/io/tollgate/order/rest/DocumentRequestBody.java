package io.tollgate.order.rest;

import io.tollgate.contracts.DocumentRuleException;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.eventing.rest.ProblemException;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/orders/{orderId}/documents}: the regulator's documents body. Its
 * field rules are the contract's ({@link SuppliedDocument}), the same the regulator's edge applies,
 * so a document order-service takes is one the regulator would take on the same day.
 *
 * @param kind      BUYER_KYC_ATTESTATION or LAB_TEST_REPORT
 * @param issuer    who issued it, 1 to {@value SuppliedDocument#ISSUER_CHARS_MAX} characters
 * @param issuedOn  the day it was issued (ISO-8601), not after today (UTC)
 * @param expiresOn the last day it is valid: not before issuedOn nor today, at most
 *                  {@value SuppliedDocument#VALIDITY_DAYS_MAX} days after issuedOn
 * @param reference the issuer's reference, 1 to {@value SuppliedDocument#REFERENCE_CHARS_MAX} characters
 * @param sha256    the SHA-256 of the document's bytes, 64 hex digits (stored lower-case)
 */
public record DocumentRequestBody(
        @Schema(enumeration = {"BUYER_KYC_ATTESTATION", "LAB_TEST_REPORT"}) String kind,
        @Schema(maxLength = SuppliedDocument.ISSUER_CHARS_MAX) String issuer,
        LocalDate issuedOn,
        LocalDate expiresOn,
        @Schema(maxLength = SuppliedDocument.REFERENCE_CHARS_MAX) String reference,
        @Schema(pattern = "^[0-9a-fA-F]{64}$") String sha256) {

    /**
     * The document, every rule checked against {@code today} (UTC).
     *
     * @throws ProblemException 422 naming the field, with the regulator's code for the rule
     */
    SuppliedDocument validated(LocalDate today) {
        try {
            return SuppliedDocument.of(kind, issuer, issuedOn, expiresOn, reference, sha256)
                    .requireCurrentOn(today);
        } catch (DocumentRuleException e) {
            throw new ProblemException(422, e.code(), e.field(), e.getMessage());
        }
    }
}
