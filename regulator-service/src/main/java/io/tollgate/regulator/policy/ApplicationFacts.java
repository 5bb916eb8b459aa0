package io.tollgate.regulator.policy;

import io.tollgate.contracts.Countries;
import io.tollgate.contracts.TransactionKind;

/**
 * The parts of an application the policy looks at.
 *
 * @param necessityCategory          the category of necessity the buyer declared; null until it
 *                                   declares one (the version's default category applies)
 * @param destination                where the order ships (ISO 3166-1 alpha-2)
 * @param transactionKind            export, reexport or in-country transfer
 * @param buyerHeadquarters          the buyer's headquarters country; null when not stated
 * @param ultimateParentHeadquarters the buyer's ultimate parent's headquarters; null when not stated
 */
public record ApplicationFacts(String productSku, long quantity, String usageScenario,
                               String necessityCategory, String destination,
                               TransactionKind transactionKind, String buyerHeadquarters,
                               String ultimateParentHeadquarters) {

    public ApplicationFacts {
        if (destination == null || transactionKind == null) {
            throw new IllegalArgumentException("destination and transactionKind are required");
        }
    }

    /** An export to China whose buyer declared a category: every application before V2 orders. */
    public ApplicationFacts(String productSku, long quantity, String usageScenario, String necessityCategory) {
        this(productSku, quantity, usageScenario, necessityCategory, Countries.CHINA, TransactionKind.EXPORT,
                null, null);
    }

    /** An export to China whose buyer has declared no category of necessity. */
    public ApplicationFacts(String productSku, long quantity, String usageScenario) {
        this(productSku, quantity, usageScenario, null);
    }
}
