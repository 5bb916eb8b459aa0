package io.tollgate.regulator.policy;

import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.TrackOutcome;
import java.util.List;
import java.util.Objects;

/**
 * The evaluator's answer. {@code reasons} lists every refusal (DENY) or what is missing
 * (NEEDS_USAGE_SCENARIO, NEEDS_DOCUMENTS); {@code cnImport} is null when the US track already refused, because
 * the CN track is not worth asking about an order that cannot be exported. {@code clause} is the
 * clause of {@code policyVersion} that decided (see {@link Clauses} and {@link ProductRule}).
 */
public record Verdict(Outcome outcome, List<Reason> reasons, TrackOutcome usExport,
                      TrackOutcome cnImport, String policyVersion, String clause) {

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(usExport, "usExport");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(clause, "clause");
        if ((outcome == Outcome.DENY || outcome == Outcome.NEEDS_USAGE_SCENARIO
                || outcome == Outcome.NEEDS_DOCUMENTS) && reasons.isEmpty()) {
            throw new IllegalArgumentException(outcome + " must name at least one reason");
        }
    }
}
