package io.tollgate.regulator.query;

/** Names shared by the projections and the Axon wiring. */
public final class ReadModels {

    /**
     * The subscribing processing group of every read model: projections run in the command's own
     * transaction, so a reader never sees an event without its row, and a failed row fails the command.
     */
    public static final String PROCESSING_GROUP = "regulator-read-models";

    private ReadModels() {
    }
}
