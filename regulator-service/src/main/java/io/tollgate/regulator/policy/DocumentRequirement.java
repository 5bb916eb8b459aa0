package io.tollgate.regulator.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.DocumentKind;

/**
 * One document a policy version requires of every application it decides.
 *
 * @param clause     the clause a wait for this document names
 * @param text       what the document must attest and carry, for people (the rule's own words)
 * @param maxAgeDays the most days after its issue a document still counts, whatever its expiry
 *                   says (absent: only its expiry counts); 1 to {@link PolicyValidator#DOCUMENT_AGE_DAYS_MAX}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentRequirement(DocumentKind kind, String clause, String text, Integer maxAgeDays) {
}
