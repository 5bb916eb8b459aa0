package io.tollgate.regulator.policy;

/** What the policy concludes about one application. */
public enum Outcome {
    GRANT,
    DENY,
    NEEDS_USAGE_SCENARIO,
    NEEDS_REVIEW,
    /** Documents the version requires are missing or expired (see {@link DocumentCheck}). */
    NEEDS_DOCUMENTS
}
