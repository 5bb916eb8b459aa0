package io.tollgate.regulator.api;

/** What a rule-change proposal changes once approved. Values are stored: never rename or reuse one. */
public enum ProposalKind {
    /** Adopt a new policy version for decisions made from then on. */
    ADOPT_POLICY,
    /** Put a customer on the register, or change its entry (name, country, cap). */
    DESIGNATE_CUSTOMER,
    /** Take a customer off the register. */
    REVOKE_DESIGNATION
}
