package io.tollgate.regulator.policy;

/**
 * The parts of an application the policy looks at.
 *
 * @param necessityCategory the category of necessity the buyer declared; null until it declares
 *                          one (the version's default category applies)
 */
public record ApplicationFacts(String productSku, long quantity, String usageScenario,
                               String necessityCategory) {

    /** An application whose buyer has declared no category of necessity. */
    public ApplicationFacts(String productSku, long quantity, String usageScenario) {
        this(productSku, quantity, usageScenario, null);
    }
}
