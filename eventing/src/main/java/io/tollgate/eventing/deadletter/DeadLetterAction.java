package io.tollgate.eventing.deadletter;

import java.time.Instant;

/**
 * One audited step in a dead letter's life: who (the authenticated principal, or {@code consumer}
 * for what the loop itself did), when, what and why.
 */
public record DeadLetterAction(String action, String principal, Instant at, String reason) {

    /** The principal of steps the consumer loop takes on its own (carrying out a request). */
    public static final String CONSUMER = "consumer";
    public static final String DEAD_LETTERED = "DEAD_LETTERED";
    public static final String RETRY_REQUESTED = "RETRY_REQUESTED";
    public static final String DISCARD_REQUESTED = "DISCARD_REQUESTED";
    public static final String RETRIED = "RETRIED";
    public static final String RETRY_FAILED = "RETRY_FAILED";
    public static final String DISCARDED = "DISCARDED";
}
