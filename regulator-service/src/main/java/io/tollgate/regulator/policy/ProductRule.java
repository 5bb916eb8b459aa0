package io.tollgate.regulator.policy;

import io.tollgate.contracts.Eligibility;

/**
 * What one policy version does with the products of one catalogue eligibility: license them case
 * by case (the register, the unit cap, the usage scenario and the review threshold then decide) or
 * refuse them. {@code clause} names the rule in decisions; {@code text} says where it comes from.
 */
public record ProductRule(String clause, Eligibility eligibility, Licensing licensing, String text) {
}
