package io.tollgate.regulator.whatif;

import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.policy.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A decision as the event store recorded it.
 *
 * @param clause      the clause of {@code policyVersion} that decided; null in decisions stored
 *                    before decisions named their clause
 * @param reasonCodes the refusals of a denial, the missing detail of a request for a usage
 *                    scenario, the referral codes of a review; empty for a grant
 * @param decidedBy   {@code policy} for the rules, else the compliance officer
 */
public record RecordedDecision(Outcome outcome, String policyVersion,
                               @Schema(nullable = true) String clause, List<String> reasonCodes,
                               String decidedBy, Instant decidedAt) {

    public RecordedDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(policyVersion, "policyVersion");
        reasonCodes = List.copyOf(reasonCodes);
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    static RecordedDecision of(Outcome outcome, String policyVersion, String clause, List<Reason> reasons,
                               TrackOutcome usExport, TrackOutcome cnImport, String decidedBy,
                               Instant decidedAt) {
        return new RecordedDecision(outcome, policyVersion, clause,
                Grounds.codes(outcome, reasons, usExport, cnImport), decidedBy, decidedAt);
    }
}
