package io.tollgate.regulator.policy;

import io.tollgate.contracts.SuppliedDocument;
import java.time.Instant;
import java.util.List;

/**
 * The documents supplied for an application, and the decision instant they are judged at (a
 * document counts when it is valid on that instant's UTC day).
 */
public record DocumentsOnFile(List<SuppliedDocument> supplied, Instant at) {

    /** No document supplied (an application that has none yet, or a version that requires none). */
    public static final DocumentsOnFile NONE = new DocumentsOnFile(List.of(), Instant.EPOCH);

    public DocumentsOnFile {
        supplied = List.copyOf(supplied);
        if (at == null) {
            throw new IllegalArgumentException("the decision instant is required");
        }
    }
}
