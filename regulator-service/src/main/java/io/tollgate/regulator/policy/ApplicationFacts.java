package io.tollgate.regulator.policy;

/** The parts of an application the policy looks at. */
public record ApplicationFacts(String productSku, long quantity, String usageScenario) {
}
