package io.tollgate.regulator.whatif;

import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * What the draft version concludes about the same facts and the same standing.
 *
 * @param reasonCodes as in {@link RecordedDecision#reasonCodes()}
 * @param reasonTexts why, for people: each refusal or missing detail, each referral, or for a
 *                    grant the rule that licensed the product
 */
public record DraftDecision(Outcome outcome, String clause, List<String> reasonCodes, List<String> reasonTexts) {

    public DraftDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(clause, "clause");
        reasonCodes = List.copyOf(reasonCodes);
        reasonTexts = List.copyOf(reasonTexts);
    }

    static DraftDecision of(Verdict verdict) {
        return new DraftDecision(verdict.outcome(), verdict.clause(),
                Grounds.codes(verdict.outcome(), verdict.reasons(), verdict.usExport(), verdict.cnImport()),
                Grounds.texts(verdict));
    }

    /** How this differs from {@code recorded}; null when it does not (a clause not recorded is not compared). */
    ChangeKind changeFrom(RecordedDecision recorded) {
        if (outcome != recorded.outcome()) {
            return ChangeKind.OUTCOME;
        }
        boolean sameClause = recorded.clause() == null || recorded.clause().equals(clause);
        return sameClause && reasonCodes.equals(recorded.reasonCodes()) ? null : ChangeKind.GROUNDS;
    }
}
