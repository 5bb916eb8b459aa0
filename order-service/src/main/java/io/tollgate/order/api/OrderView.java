package io.tollgate.order.api;

import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One order as the read model holds it: state, amounts, the authorization references and (up to
 * {@link #HISTORY_MAX} entries of) its history.
 *
 * @param revenueShareDue         null until authorized
 * @param revenueShareOutstanding due − paid; null until authorized
 * @param historyTruncated        true when the order has more events than the history lists
 * @param documents               the documents the ERP supplied through order-service, oldest first
 *                                (empty when none; those an officer entered at the regulator are
 *                                not here)
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
        boolean historyTruncated,
        List<SuppliedDocument> documents) {

    public OrderView {
        documents = List.copyOf(documents);
    }

    /** History entries one GET returns at most. */
    public static final int HISTORY_MAX = 1_000;

    /**
     * The regulator's decision applied to the order, as data; or, before it, what the regulator's
     * application waits for.
     *
     * @param authorizationId the decision's id; null while the order waits
     * @param decision        GRANTED or DENIED; null while the order waits
     * @param policyVersion   the policy version it was decided (or is waiting) under
     * @param policyClause    the clause of that version that decided (or asks); null for decisions that
     *                        named none or were applied before the order kept it
     * @param decidedBy       "rules" or the officer who decided; null while the order waits
     * @param decidedAt       when it was decided; null while waiting, and for decisions applied before
     *                        the order kept it
     * @param reasons         a denial's reasons (code, track, text); empty for a grant and while waiting
     * @param waitingFor      what the application waits for: USAGE_SCENARIO (supply it with
     *                        {@code POST .../usage-scenario}), OFFICER_REVIEW, or a name added later;
     *                        null once decided
     * @param requirement     what is asked while it waits; null otherwise
     */
    public record Authorization(@Schema(nullable = true) String authorizationId,
                                @Schema(nullable = true) String decision, String policyVersion,
                                @Schema(nullable = true) String policyClause,
                                @Schema(nullable = true) String decidedBy,
                                @Schema(nullable = true) Instant decidedAt, List<DenialReason> reasons,
                                @Schema(nullable = true) String waitingFor,
                                @Schema(nullable = true) Requirement requirement) {

        public Authorization {
            reasons = List.copyOf(reasons);
        }

        /** A decision (no wait). */
        public Authorization(String authorizationId, String decision, String policyVersion, String policyClause,
                             String decidedBy, Instant decidedAt, List<DenialReason> reasons) {
            this(authorizationId, decision, policyVersion, policyClause, decidedBy, decidedAt, reasons, null, null);
        }
    }

    /**
     * A document the ERP supplied for the order and order-service passed to the regulator (whether it
     * counts is the regulator's to judge: the order shows its answer).
     *
     * @param kind       BUYER_KYC_ATTESTATION or LAB_TEST_REPORT
     * @param reference  the issuer's reference
     * @param issuedOn   the day it was issued
     * @param expiresOn  the last day it is valid
     * @param suppliedAt when order-service took it
     */
    public record SuppliedDocument(String kind, String reference, LocalDate issuedOn, LocalDate expiresOn,
                                   Instant suppliedAt) {
    }

    /**
     * What a waiting application asks, in the regulator's words.
     *
     * @param code    the regulator's stable code of why it waits (USAGE_SCENARIO_MISSING,
     *                USAGE_SCENARIO_UNACCEPTABLE, QUANTITY_ABOVE_REVIEW_THRESHOLD, ...)
     * @param track   the track that waits, US_EXPORT or CN_IMPORT; null when the regulator named none
     * @param text    what is asked: the rule a scenario must meet, or why it failed it
     * @param askedAt when the regulator started waiting
     */
    public record Requirement(String code, @Schema(nullable = true) String track, String text, Instant askedAt) {
    }
}
