package io.tollgate.regulator.whatif;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of a what-if run: the totals, every changed decision of the rules and every officer's
 * decision of the applications read, each list in the order the decisions were recorded.
 *
 * @param eventsRead the events of the store read to rebuild applications and register
 * @param nextCursor more applications of the range follow: pass it back as {@code cursor}
 */
public record WhatIfReport(String draftVersion, @Schema(nullable = true) Instant requestedFrom,
                           @Schema(nullable = true) Instant requestedTo, WhatIfTotals totals,
                           List<ChangedDecision> changes, List<OfficerDecisionReview> officerDecisions,
                           long eventsRead, @Schema(nullable = true) String nextCursor) {

    public WhatIfReport {
        changes = List.copyOf(changes);
        officerDecisions = List.copyOf(officerDecisions);
    }
}
