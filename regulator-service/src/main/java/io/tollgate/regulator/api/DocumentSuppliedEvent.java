package io.tollgate.regulator.api;

import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.SuppliedDocument;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A document was supplied for the application and recorded (never its bytes: their SHA-256). An
 * application that waited for documents is evaluated again at once; in any other open state the
 * document is kept for the decision to come.
 */
@Revision("1")
public record DocumentSuppliedEvent(String orderId, DocumentKind kind, String issuer, LocalDate issuedOn,
                                    LocalDate expiresOn, String reference, String sha256,
                                    Instant suppliedAt) {

    public DocumentSuppliedEvent(String orderId, SuppliedDocument document, Instant suppliedAt) {
        this(orderId, document.kind(), document.issuer(), document.issuedOn(), document.expiresOn(),
                document.reference(), document.sha256(), suppliedAt);
    }

    public SuppliedDocument document() {
        return new SuppliedDocument(kind, issuer, issuedOn, expiresOn, reference, sha256);
    }
}
