package io.tollgate.regulator.policy;

import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one policy version to one application: a pure function of policy, facts and customer
 * standing. Order: the US export track (product, register, unit cap) first, collecting every
 * refusal; then the CN import track (usage scenario); then the review threshold.
 */
public final class PolicyEvaluator {

    /** Referral code of an application the rules send to a compliance officer. */
    public static final String REVIEW_QUANTITY = "QUANTITY_ABOVE_REVIEW_THRESHOLD";

    /** Who is deciding: the rules alone, or a compliance officer granting a reviewed application. */
    public enum Mode {
        RULES,
        /** The officer has reviewed scenario and volume; only the hard US export rules still apply. */
        OFFICER_GRANT
    }

    private PolicyEvaluator() {
    }

    public static Verdict evaluate(Policy policy, ApplicationFacts facts, CustomerStanding standing,
                                   Mode mode) {
        List<Reason> refusals = usExportRefusals(policy, facts, standing);
        if (!refusals.isEmpty()) {
            return new Verdict(Outcome.DENY, refusals, TrackOutcome.refused(refusals.get(0)), null,
                    policy.version());
        }
        TrackOutcome us = TrackOutcome.approved(Track.US_EXPORT, "Licensable product for a designated customer"
                + " under policy " + policy.version());
        if (mode == Mode.OFFICER_GRANT) {
            return grant(policy, us, "Usage scenario accepted by the compliance officer");
        }
        Optional<Reason> scenario = policy.usageScenario().check(facts.usageScenario());
        if (scenario.isPresent()) {
            Reason reason = scenario.get();
            TrackOutcome cn = TrackOutcome.pending(Track.CN_IMPORT, reason.code().name(), reason.text());
            return new Verdict(Outcome.NEEDS_USAGE_SCENARIO, List.of(reason), us, cn, policy.version());
        }
        if (facts.quantity() > policy.reviewThresholdQuantity()) {
            TrackOutcome pending = TrackOutcome.pending(Track.US_EXPORT, REVIEW_QUANTITY,
                    facts.quantity() + " units is above the review threshold of "
                            + policy.reviewThresholdQuantity() + "; a compliance officer decides");
            TrackOutcome cn = TrackOutcome.approved(Track.CN_IMPORT, "Usage scenario accepted");
            return new Verdict(Outcome.NEEDS_REVIEW, List.of(), pending, cn, policy.version());
        }
        return grant(policy, us, "Usage scenario accepted");
    }

    private static Verdict grant(Policy policy, TrackOutcome us, String cnText) {
        return new Verdict(Outcome.GRANT, List.of(), us,
                TrackOutcome.approved(Track.CN_IMPORT, cnText), policy.version());
    }

    private static List<Reason> usExportRefusals(Policy policy, ApplicationFacts facts,
                                                 CustomerStanding standing) {
        List<Reason> refusals = new ArrayList<>();
        Optional<ProductFamily> family = policy.familyOf(facts.productSku());
        if (family.isEmpty()) {
            refusals.add(new Reason(Track.US_EXPORT, ReasonCode.PRODUCT_UNKNOWN, "Product "
                    + facts.productSku() + " is in no product family of policy " + policy.version()));
        } else if (family.get().licensing() == Licensing.PROHIBITED) {
            refusals.add(new Reason(Track.US_EXPORT, ReasonCode.PRODUCT_PROHIBITED, "Product "
                    + facts.productSku() + " belongs to " + family.get().name()
                    + ", which is prohibited for export under policy " + policy.version()));
        }
        switch (standing.status()) {
            case NOT_DESIGNATED:
                refusals.add(new Reason(Track.US_EXPORT, ReasonCode.CUSTOMER_NOT_DESIGNATED, "Customer "
                        + standing.customerId() + " is not on the designated register"));
                break;
            case REVOKED:
                refusals.add(new Reason(Track.US_EXPORT, ReasonCode.CUSTOMER_REVOKED, "Customer "
                        + standing.customerId() + " had its designation revoked"));
                break;
            default:
                capRefusal(facts, standing).ifPresent(refusals::add);
        }
        return refusals;
    }

    private static Optional<Reason> capRefusal(ApplicationFacts facts, CustomerStanding standing) {
        Long cap = standing.unitCapPerQuarter();
        if (cap == null || standing.unitsGrantedInQuarter() + facts.quantity() <= cap) {
            return Optional.empty();
        }
        return Optional.of(new Reason(Track.US_EXPORT, ReasonCode.UNIT_CAP_EXCEEDED, facts.quantity()
                + " units would bring customer " + standing.customerId() + " to "
                + (standing.unitsGrantedInQuarter() + facts.quantity()) + " in " + standing.quarter()
                + ", above its cap of " + cap + " per quarter"));
    }
}
