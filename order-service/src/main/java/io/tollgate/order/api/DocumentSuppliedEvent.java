package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.SuppliedDocument;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The ERP supplied a document the regulator's policy requires of the order's application; it is
 * published for the regulator, and the order waits for the regulator's answer as before (the
 * regulator records a document in any open state). Stored flat, as the wire event carries it.
 *
 * @param supplyId   the supply's id across retries (from the Idempotency-Key), or null without a key
 * @param suppliedBy the caller that supplied it (the wire event takes the "principal" metadata)
 */
@Revision("1")
public record DocumentSuppliedEvent(
        String orderId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String supplyId,
        DocumentKind kind,
        String issuer,
        LocalDate issuedOn,
        LocalDate expiresOn,
        String reference,
        String sha256,
        String suppliedBy,
        Instant occurredAt) {

    public DocumentSuppliedEvent(String orderId, String supplyId, SuppliedDocument document,
                                 String suppliedBy, Instant occurredAt) {
        this(orderId, supplyId, document.kind(), document.issuer(), document.issuedOn(), document.expiresOn(),
                document.reference(), document.sha256(), suppliedBy, occurredAt);
    }

    /** The document this event recorded. */
    public SuppliedDocument document() {
        return new SuppliedDocument(kind, issuer, issuedOn, expiresOn, reference, sha256);
    }
}
