package io.tollgate.regulator.whatif;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A decision a compliance officer made, beside what the draft says: it is not counted as changed
 * or unchanged, since the rules did not make it.
 *
 * @param draftRules        the draft's verdict by its rules alone, at the officer's decision
 * @param draftOfficerGrant for an officer's grant, whether the draft still lets an officer grant
 *                          (GRANT) or which of its hard rules would refuse it (DENY); null for an
 *                          officer's denial
 */
public record OfficerDecisionReview(String orderId, String customerId, Instant requestedAt,
                                    RecordedDecision recorded, DraftDecision draftRules,
                                    @Schema(nullable = true) DraftDecision draftOfficerGrant) {
}
