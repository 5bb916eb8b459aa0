package io.tollgate.regulator.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The application waits for documents: the version in force requires {@code missing} kinds that
 * no supplied document satisfied at {@code requestedAt}. Recorded again, with the kinds still
 * missing, each time a supplied document leaves some missing.
 *
 * @param usExport the US export track, pending on the documents
 */
@Revision("1")
public record DocumentsRequestedEvent(String orderId, List<MissingDocument> missing, TrackOutcome usExport,
                                      String policyVersion, String policyClause, Instant requestedAt) {

    public DocumentsRequestedEvent {
        missing = List.copyOf(missing);
        if (missing.isEmpty()) {
            throw new IllegalArgumentException("documents requested must name at least one kind");
        }
    }

    public List<Reason> reasons() {
        return missing.stream().map(MissingDocument::reason).toList();
    }
}
