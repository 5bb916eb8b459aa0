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
 * @param documents                  the documents supplied and the decision instant they are
 *                                   judged at ({@link DocumentsOnFile#NONE} when none)
 */
public record ApplicationFacts(String productSku, long quantity, String usageScenario,
                               String necessityCategory, String destination,
                               TransactionKind transactionKind, String buyerHeadquarters,
                               String ultimateParentHeadquarters, DocumentsOnFile documents) {

    public ApplicationFacts {
        if (destination == null || transactionKind == null) {
            throw new IllegalArgumentException("destination and transactionKind are required");
        }
        if (documents == null) {
            documents = DocumentsOnFile.NONE;
        }
    }

    /** An application with no document supplied. */
    public ApplicationFacts(String productSku, long quantity, String usageScenario,
                            String necessityCategory, String destination, TransactionKind transactionKind,
                            String buyerHeadquarters, String ultimateParentHeadquarters) {
        this(productSku, quantity, usageScenario, necessityCategory, destination, transactionKind,
                buyerHeadquarters, ultimateParentHeadquarters, DocumentsOnFile.NONE);
    }

    /** The same application with {@code file} supplied. */
    public ApplicationFacts withDocuments(DocumentsOnFile file) {
        return new ApplicationFacts(productSku, quantity, usageScenario, necessityCategory, destination,
                transactionKind, buyerHeadquarters, ultimateParentHeadquarters, file);
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
