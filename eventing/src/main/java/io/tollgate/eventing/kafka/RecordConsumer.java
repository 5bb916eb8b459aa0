package io.tollgate.eventing.kafka;

import io.tollgate.contracts.Topics;
import java.util.List;

/**
 * Handles events one at a time. For each record the consumer loop opens a JTA transaction, skips
 * the event if its id is already in the processed-event log of {@link #group()}, calls
 * {@link #handle}, records the id and commits: effect and id are stored together or not at all.
 * Implement as an {@code @ApplicationScoped} bean; the loop starts on Quarkus start-up.
 */
public interface RecordConsumer {

    /** Consumer group id; also names the dead-letter topic ({@code <group>.dlt}). */
    String group();

    List<Topics.Topic> topics();

    /** Applies one event inside the loop's transaction; throw {@link RejectedEventException} to dead-letter it. */
    void handle(IncomingEvent event);
}
