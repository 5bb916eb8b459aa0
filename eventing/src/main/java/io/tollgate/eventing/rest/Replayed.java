package io.tollgate.eventing.rest;

import jakarta.ws.rs.core.Response;

/**
 * The {@code Idempotent-Replayed: true} header of a stored answer: the request repeated an earlier
 * one (same Idempotency-Key, same cancellation) and nothing new was done.
 */
public final class Replayed {

    public static final String HEADER = "Idempotent-Replayed";

    private Replayed() {
    }

    /** Adds the header to {@code answer} when {@code replayed}. */
    public static Response.ResponseBuilder mark(Response.ResponseBuilder answer, boolean replayed) {
        return replayed ? answer.header(HEADER, "true") : answer;
    }
}
