package io.tollgate.regulator.whatif;

/** How the draft's verdict differs from a recorded decision. */
public enum ChangeKind {
    /** Another outcome (a grant would be denied, a referral granted, ...). */
    OUTCOME,
    /** The same outcome on other grounds: another deciding clause or other reason codes. */
    GROUNDS
}
