package io.tollgate.regulator.policy;

/** What the policy concludes about one application. */
public enum Outcome {
    GRANT,
    DENY,
    NEEDS_USAGE_SCENARIO,
    NEEDS_REVIEW,
    /** Documents the version requires are missing or expired (see {@link DocumentCheck}). */
    NEEDS_DOCUMENTS,
    /**
     * Everything else would grant, but the units do not fit within the US-volume cap: the
     * application waits (recorded by the application, never returned by the evaluator).
     */
    AWAITING_US_VOLUME
}
