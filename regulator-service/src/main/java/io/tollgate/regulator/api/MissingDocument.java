package io.tollgate.regulator.api;

import io.tollgate.contracts.DocumentKind;
import java.util.Objects;

/**
 * A document kind the policy version requires that no supplied document satisfies at the decision
 * instant: none was supplied ({@link ReasonCode#DOCUMENT_MISSING}) or every one supplied has
 * expired or is older than the version allows ({@link ReasonCode#DOCUMENT_EXPIRED}).
 *
 * @param clause the clause of the version that requires it
 * @param text   what is asked and why, for people
 */
public record MissingDocument(DocumentKind kind, ReasonCode code, String clause, String text) {

    public MissingDocument {
        Objects.requireNonNull(kind, "kind");
        if (code != ReasonCode.DOCUMENT_MISSING && code != ReasonCode.DOCUMENT_EXPIRED) {
            throw new IllegalArgumentException("a missing document is DOCUMENT_MISSING or DOCUMENT_EXPIRED");
        }
        if (clause == null || clause.isBlank() || text == null || text.isBlank()) {
            throw new IllegalArgumentException("clause and text are required");
        }
    }

    /** The US export track's reason: the documents are conditions of the US licence. */
    public Reason reason() {
        return new Reason(Track.US_EXPORT, code, text);
    }
}
