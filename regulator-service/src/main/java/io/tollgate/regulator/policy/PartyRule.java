package io.tollgate.regulator.policy;

/**
 * One rule of a version's {@link DestinationRules}: the clause decisions name and where it comes from.
 */
public record PartyRule(String clause, String text) {
}
