package io.tollgate.regulator.policy;

import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.ProductClassification;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one policy version to one application: a pure function of policy, facts and customer
 * standing. Order: the version's destination rules (transaction kind, destination, headquarters:
 * an order they do not review is denied under their clause); then the US export track (product by the contract's catalogue and the version's
 * product rules, register, unit cap) first, collecting every refusal; then the documents the
 * version requires (missing or expired ones make the application wait, and an officer's grant
 * cannot pass them: {@link DocumentCheck}); then the CN import track
 * (the buyer's category of necessity: an exempt one goes to an officer, any other needs a usage
 * scenario its rule accepts); then the review threshold. The verdict names the clause that decided.
 */
public final class PolicyEvaluator {

    /** Referral code of an application the rules send to a compliance officer. */
    public static final String REVIEW_QUANTITY = "QUANTITY_ABOVE_REVIEW_THRESHOLD";
    /** Referral code of an application whose buyer claims an exempt category of necessity. */
    public static final String EXEMPTION_CLAIMED = "NECESSITY_EXEMPTION_CLAIMED";

    /** The CN-track reason for a declared category the version does not have. */
    public static Reason unknownCategory(Policy policy, String declared) {
        return new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_UNACCEPTABLE, "Necessity category "
                + declared + " is not one of policy " + policy.version() + ": "
                + (policy.necessity() == null ? List.of() : policy.necessity().names()));
    }

    /** Who is deciding: the rules alone, or a compliance officer granting a reviewed application. */
    public enum Mode {
        RULES,
        /** The officer has reviewed scenario and volume; only the hard US export rules still apply. */
        OFFICER_GRANT
    }

    /** A refusal and the clause it comes from; the first refusal's clause decides a denial. */
    private record Refusal(Reason reason, String clause) {
    }

    private PolicyEvaluator() {
    }

    public static Verdict evaluate(Policy policy, ApplicationFacts facts, CustomerStanding standing,
                                   Mode mode) {
        Optional<DestinationRules.Refusal> outside = policy.destinationRules().refusal(facts);
        if (outside.isPresent()) {
            // Not reviewed at all: the product, register and CN track are not worth asking about.
            DestinationRules.Refusal refusal = outside.get();
            Reason reason = new Reason(Track.US_EXPORT, refusal.code(), refusal.text());
            return new Verdict(Outcome.DENY, List.of(reason), TrackOutcome.refused(reason), null,
                    policy.version(), refusal.rule().clause());
        }
        ProductClassification product = ProductCatalogue.standard().classify(facts.productSku());
        List<Refusal> refusals = usExportRefusals(policy, product, facts, standing);
        if (!refusals.isEmpty()) {
            List<Reason> reasons = refusals.stream().map(Refusal::reason).toList();
            return new Verdict(Outcome.DENY, reasons, TrackOutcome.refused(reasons.get(0)), null,
                    policy.version(), refusals.get(0).clause());
        }
        ProductRule licence = policy.ruleFor(product.eligibility());
        TrackOutcome us = TrackOutcome.approved(Track.US_EXPORT, "Licensable product for a designated customer"
                + " under policy " + policy.version() + " clause " + licence.clause());
        Optional<Verdict> papers = DocumentCheck.verdict(policy, facts.documents());
        if (papers.isPresent()) {
            return papers.get();
        }
        if (mode == Mode.OFFICER_GRANT) {
            return grant(policy, us, "Usage scenario accepted by the compliance officer", licence);
        }
        Optional<NecessityCategory> declared = policy.necessityCategory(facts.necessityCategory());
        if (declared.isEmpty()) {
            Reason reason = unknownCategory(policy, facts.necessityCategory());
            TrackOutcome cn = TrackOutcome.pending(Track.CN_IMPORT, reason.code().name(), reason.text());
            return new Verdict(Outcome.NEEDS_USAGE_SCENARIO, List.of(reason), us, cn, policy.version(),
                    Clauses.USAGE_SCENARIO);
        }
        NecessityCategory category = declared.get();
        if (category.exempt()) {
            TrackOutcome cn = TrackOutcome.pending(Track.CN_IMPORT, EXEMPTION_CLAIMED, "The buyer claims the "
                    + category.name() + " exemption (clause " + category.clause() + "); a compliance officer"
                    + " verifies the institution");
            return new Verdict(Outcome.NEEDS_REVIEW, List.of(), us, cn, policy.version(), category.clause());
        }
        Optional<Reason> scenario = category.scenario().check(facts.usageScenario());
        if (scenario.isPresent()) {
            Reason reason = scenario.get();
            TrackOutcome cn = TrackOutcome.pending(Track.CN_IMPORT, reason.code().name(), reason.text());
            return new Verdict(Outcome.NEEDS_USAGE_SCENARIO, List.of(reason), us, cn, policy.version(),
                    category.clause());
        }
        if (facts.quantity() > policy.reviewThresholdQuantity()) {
            TrackOutcome pending = TrackOutcome.pending(Track.US_EXPORT, REVIEW_QUANTITY,
                    facts.quantity() + " units is above the review threshold of "
                            + policy.reviewThresholdQuantity() + "; a compliance officer decides");
            TrackOutcome cn = TrackOutcome.approved(Track.CN_IMPORT, "Usage scenario accepted");
            return new Verdict(Outcome.NEEDS_REVIEW, List.of(), pending, cn, policy.version(),
                    Clauses.REVIEW_THRESHOLD);
        }
        return grant(policy, us, "Usage scenario accepted", licence);
    }

    /** A grant is decided by the product rule that licensed it; the other rules only allowed it. */
    private static Verdict grant(Policy policy, TrackOutcome us, String cnText, ProductRule licence) {
        return new Verdict(Outcome.GRANT, List.of(), us,
                TrackOutcome.approved(Track.CN_IMPORT, cnText), policy.version(), licence.clause());
    }

    private static List<Refusal> usExportRefusals(Policy policy, ProductClassification product,
                                                  ApplicationFacts facts, CustomerStanding standing) {
        List<Refusal> refusals = new ArrayList<>();
        if (!product.known()) {
            refusals.add(new Refusal(new Reason(Track.US_EXPORT, ReasonCode.PRODUCT_UNKNOWN,
                    product.refusal()), Clauses.PRODUCT_CATALOGUE));
        } else {
            ProductRule rule = policy.ruleFor(product.eligibility());
            if (rule.licensing() == Licensing.PROHIBITED) {
                refusals.add(new Refusal(new Reason(Track.US_EXPORT, ReasonCode.PRODUCT_PROHIBITED, "Product "
                        + facts.productSku() + " (" + product.product().vendor() + " " + product.product().model()
                        + ", " + product.eligibility() + ") is prohibited under policy " + policy.version()
                        + " clause " + rule.clause() + ": " + rule.text()), rule.clause()));
            }
        }
        switch (standing.status()) {
            case NOT_DESIGNATED:
                refusals.add(new Refusal(new Reason(Track.US_EXPORT, ReasonCode.CUSTOMER_NOT_DESIGNATED,
                        "Customer " + standing.customerId() + " is not on the designated register"),
                        Clauses.DESIGNATED_REGISTER));
                break;
            case REVOKED:
                refusals.add(new Refusal(new Reason(Track.US_EXPORT, ReasonCode.CUSTOMER_REVOKED, "Customer "
                        + standing.customerId() + " had its designation revoked"), Clauses.DESIGNATED_REGISTER));
                break;
            default:
                capRefusal(facts, standing).ifPresent(r -> refusals.add(new Refusal(r, Clauses.UNIT_CAP)));
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
