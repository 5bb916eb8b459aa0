package io.tollgate.order.api;

import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.Money;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One order as the read model holds it: state, amounts, the authorization references and (up to
 * {@link #HISTORY_MAX} entries of) its history.
 *
 * @param revenueShareDue         null until authorized
 * @param revenueShareOutstanding due − paid; null until authorized
 * @param historyTruncated        true when the order has more events than the history lists
 */
public record OrderView(
        String orderId,
        OrderStatus status,
        String customerId,
        String customerName,
        String product,
        String productFamily,
        long quantity,
        Money unitPrice,
        Money grossAmount,
        @Schema(nullable = true) String revenueShareRate,
        @Schema(nullable = true) Money revenueShareDue,
        @Schema(nullable = true) Money revenueSharePaid,
        @Schema(nullable = true) Money revenueShareOutstanding,
        @Schema(nullable = true) String payee,
        @Schema(nullable = true) Authorization authorization,
        @Schema(nullable = true) String voidedAuthorizationId,
        String usageScenario,
        String erpReference,
        Instant requestedAt,
        Instant updatedAt,
        long version,
        List<HistoryEntry> history,
        boolean historyTruncated) {

    /** History entries one GET returns at most. */
    public static final int HISTORY_MAX = 1_000;

    /**
     * The regulator's decision applied to the order, as data.
     *
     * @param decision      GRANTED or DENIED
     * @param policyVersion the policy version it was decided under
     * @param policyClause  the clause of that version that decided; null for decisions that named none
     *                      or were applied before the order kept it
     * @param decidedBy     "rules" or the officer who decided
     * @param decidedAt     when it was decided; null for decisions applied before the order kept it
     * @param reasons       a denial's reasons (code, track, text); empty for a grant
     */
    public record Authorization(String authorizationId, String decision, String policyVersion,
                                @Schema(nullable = true) String policyClause, String decidedBy,
                                @Schema(nullable = true) Instant decidedAt, List<DenialReason> reasons) {

        public Authorization {
            reasons = List.copyOf(reasons);
        }
    }
}
