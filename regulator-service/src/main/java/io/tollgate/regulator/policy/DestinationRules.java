package io.tollgate.regulator.policy;

import io.tollgate.contracts.Countries;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.regulator.api.ReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where a version lets accelerators go and to whom, as data: which destinations and transaction
 * kinds its product rules review (case by case), which headquarters countries need a licence
 * wherever the buyer is ({@code licenceHeadquarters} plus Country Group D:5, listed with its source),
 * and the clause of each refusal. A version without this section (stored before it existed) decides
 * every order as an export to China, as all orders were then.
 *
 * @param reviewedDestinations      destinations whose exports the product rules review (CN, MO)
 * @param reviewedTransactions      transaction kinds that are reviewed at all (EXPORT)
 * @param licenceHeadquarters       countries named on their own whose headquartered buyers need a
 *                                  licence (MO)
 * @param countryGroupD5            Country Group D:5 of Supplement No. 1 to EAR part 740 as encoded
 * @param countryGroupD5Source      where {@code countryGroupD5} was taken from, and as of when
 * @param transactionRule           refuses a transaction kind that is not reviewed
 * @param headquartersRule          refuses a buyer outside the reviewed destinations whose (or whose
 *                                  ultimate parent's) headquarters need a licence
 * @param destinationRule           refuses a destination in D:5 that is not reviewed
 * @param outsideScopeRule          refuses any other destination: no licence of this version
 *                                  covers it, so Tollgate does not authorize it
 */
public record DestinationRules(List<String> reviewedDestinations,
                               List<TransactionKind> reviewedTransactions,
                               List<String> licenceHeadquarters,
                               List<String> countryGroupD5,
                               String countryGroupD5Source,
                               PartyRule transactionRule,
                               PartyRule headquartersRule,
                               PartyRule destinationRule,
                               PartyRule outsideScopeRule) {

    /**
     * What a version stored before destination rules reviews: exports to China and Macau, the only
     * sales there were. Anything else a newer order says is refused under
     * {@link Clauses#DESTINATION_NOT_REVIEWED}, never decided as if it went to China.
     */
    public static final DestinationRules LEGACY;

    static {
        PartyRule notReviewed = new PartyRule(Clauses.DESTINATION_NOT_REVIEWED, "This policy version"
                + " predates destination rules and reviews exports to China and Macau only.");
        LEGACY = new DestinationRules(List.of(Countries.CHINA, Countries.MACAU), List.of(TransactionKind.EXPORT),
                List.of(), List.of(), "none: the version names no country groups", notReviewed, notReviewed,
                notReviewed, notReviewed);
    }

    public DestinationRules {
        reviewedDestinations = copy(reviewedDestinations);
        reviewedTransactions = copy(reviewedTransactions);
        licenceHeadquarters = copy(licenceHeadquarters);
        countryGroupD5 = copy(countryGroupD5);
    }

    /** An unmodifiable copy that keeps a null element, so the validator can name it. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Why an order falls outside what the version reviews: the code and the clause that decide. */
    public record Refusal(ReasonCode code, PartyRule rule, String text) {
    }

    /** True when a buyer headquartered in {@code country} needs a licence (Macau or D:5). */
    public boolean needsLicence(String country) {
        return country != null && (licenceHeadquarters.contains(country) || countryGroupD5.contains(country));
    }

    /**
     * The refusal of an order the version does not review, or empty when its product rules decide
     * it (an export to a reviewed destination). Checked in the order the rule reads: transaction
     * kind, then destination, then the parties' headquarters.
     */
    public Optional<Refusal> refusal(ApplicationFacts facts) {
        if (!reviewedTransactions.contains(facts.transactionKind())) {
            return Optional.of(new Refusal(ReasonCode.TRANSACTION_PRESUMPTION_OF_DENIAL, transactionRule,
                    "A " + facts.transactionKind() + " to " + facts.destination() + " is not reviewed case by"
                            + " case (only " + reviewedTransactions + "): " + transactionRule.text()));
        }
        if (reviewedDestinations.contains(facts.destination())) {
            return Optional.empty();
        }
        Optional<Refusal> buyer = headquartersRefusal("buyer", facts.buyerHeadquarters(), facts);
        if (buyer.isPresent()) {
            return buyer;
        }
        Optional<Refusal> parent = headquartersRefusal("ultimate parent", facts.ultimateParentHeadquarters(),
                facts);
        if (parent.isPresent()) {
            return parent;
        }
        if (countryGroupD5.contains(facts.destination())) {
            return Optional.of(new Refusal(ReasonCode.DESTINATION_PRESUMPTION_OF_DENIAL, destinationRule,
                    "Destination " + facts.destination() + " is in Country Group D:5 and not reviewed case by"
                            + " case: " + destinationRule.text()));
        }
        return Optional.of(new Refusal(ReasonCode.OUTSIDE_LICENSING_SCOPE, outsideScopeRule, "An export to "
                + facts.destination() + " for a buyer headquartered in " + facts.buyerHeadquarters()
                + " (ultimate parent " + facts.ultimateParentHeadquarters() + ") needs no licence under this"
                + " version, which reviews exports to " + reviewedDestinations + " only: "
                + outsideScopeRule.text()));
    }

    /** The refusal for one party's headquarters outside the reviewed destinations, if it needs one. */
    private Optional<Refusal> headquartersRefusal(String party, String country, ApplicationFacts facts) {
        if (country == null) {
            // The contract requires both outside CN and MO; a fact missing here is not guessed.
            return Optional.of(new Refusal(ReasonCode.HEADQUARTERS_LICENCE_REQUIRED, headquartersRule, "The "
                    + party + "'s headquarters are not stated for an export to " + facts.destination() + ": "
                    + headquartersRule.text()));
        }
        if (!needsLicence(country)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(ReasonCode.HEADQUARTERS_LICENCE_REQUIRED, headquartersRule, "The " + party
                + " is headquartered in " + country + " (Macau or Country Group D:5): a licence is required, and"
                + " exports to " + facts.destination() + " are not reviewed case by case: "
                + headquartersRule.text()));
    }
}
