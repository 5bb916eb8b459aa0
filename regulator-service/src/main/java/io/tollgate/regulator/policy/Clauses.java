package io.tollgate.regulator.policy;

/**
 * Names of the clauses every policy version shares; a decision names one of these, or the
 * {@link ProductRule#clause()} of its version that licensed or refused the product.
 */
public final class Clauses {

    /** The SKU is not in the contract's product catalogue. */
    public static final String PRODUCT_CATALOGUE = "product-catalogue";
    /** The customer is not on the designated register, or was revoked. */
    public static final String DESIGNATED_REGISTER = "designated-register";
    /** The grant would exceed the customer's unit cap for the quarter. */
    public static final String UNIT_CAP = "unit-cap";
    /** The CN import track's usage-scenario rule. */
    public static final String USAGE_SCENARIO = "usage-scenario";
    /** Above the review threshold: a compliance officer decides. */
    public static final String REVIEW_THRESHOLD = "review-threshold";
    /**
     * A version stored before destination rules refuses anything but an export to China or Macau
     * under this clause (see {@link DestinationRules#LEGACY}).
     */
    public static final String DESTINATION_NOT_REVIEWED = "destination-not-reviewed";
    /** A compliance officer denied the application in review. */
    public static final String OFFICER_REVIEW = "officer-review";

    private Clauses() {
    }
}
