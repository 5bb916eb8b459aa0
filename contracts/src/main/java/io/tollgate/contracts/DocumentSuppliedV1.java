package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The buyer's ERP supplied a document the regulator's policy requires of its order's application
 * ({@link AuthorizationPendingV1#DOCUMENTS}). Published by order-service, on the orders topic;
 * regulator-service records it for the application exactly as a document an officer enters, and
 * evaluates an application waiting for documents again. Nothing is decided and no money moves.
 * The fields follow {@link SuppliedDocument}'s rules (checked here, so no record breaking them is
 * ever built or read); whether the document counts is the regulator's to judge.
 *
 * @param suppliedBy the principal that supplied it (the ERP client owning the order)
 */
public record DocumentSuppliedV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) DocumentKind kind,
        @JsonProperty(required = true) String issuer,
        @JsonProperty(required = true) LocalDate issuedOn,
        @JsonProperty(required = true) LocalDate expiresOn,
        @JsonProperty(required = true) String reference,
        @JsonProperty(required = true) String sha256,
        @JsonProperty(required = true) String suppliedBy,
        @JsonProperty(required = true) Instant occurredAt) implements WireEvent {

    public static final String TYPE = "tollgate.order.document-supplied.v1";

    public DocumentSuppliedV1 {
        Require.text("orderId", orderId);
        SuppliedDocument document =
                new SuppliedDocument(kind, issuer, issuedOn, expiresOn, reference, sha256);
        issuer = document.issuer();
        reference = document.reference();
        sha256 = document.sha256();
        Require.text("suppliedBy", suppliedBy);
        if (suppliedBy.length() > WireLimits.ID_CHARS_MAX) {
            throw new ContractViolationException("suppliedBy", "must be at most "
                    + WireLimits.ID_CHARS_MAX + " characters");
        }
        Require.present("occurredAt", occurredAt);
    }

    public DocumentSuppliedV1(String orderId, SuppliedDocument document, String suppliedBy,
                              Instant occurredAt) {
        this(orderId, document.kind(), document.issuer(), document.issuedOn(), document.expiresOn(),
                document.reference(), document.sha256(), suppliedBy, occurredAt);
    }

    /** The document this event carries. */
    @JsonIgnore
    public SuppliedDocument document() {
        return new SuppliedDocument(kind, issuer, issuedOn, expiresOn, reference, sha256);
    }
}
