package io.tollgate.regulator.whatif;

import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.Verdict;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reason codes and texts of a decision, read the same way from a recorded event and from a
 * draft's verdict, so that equal decisions compare equal.
 */
final class Grounds {

    private Grounds() {
    }

    /** A review's referral codes (its pending tracks), else the codes of its reasons. */
    static List<String> codes(Outcome outcome, List<Reason> reasons, TrackOutcome usExport,
                              TrackOutcome cnImport) {
        if (outcome == Outcome.NEEDS_REVIEW) {
            return pending(usExport, cnImport).map(TrackOutcome::code).toList();
        }
        return reasons.stream().map(r -> r.code().name()).toList();
    }

    static List<String> texts(Verdict verdict) {
        if (verdict.outcome() == Outcome.NEEDS_REVIEW) {
            return pending(verdict.usExport(), verdict.cnImport()).map(TrackOutcome::text).toList();
        }
        if (verdict.outcome() == Outcome.GRANT) {
            return List.of(verdict.usExport().text());
        }
        return verdict.reasons().stream().map(Reason::text).toList();
    }

    private static Stream<TrackOutcome> pending(TrackOutcome usExport, TrackOutcome cnImport) {
        return Stream.of(usExport, cnImport)
                .filter(t -> t != null && t.verdict() == TrackOutcome.Verdict.PENDING && t.code() != null);
    }
}
