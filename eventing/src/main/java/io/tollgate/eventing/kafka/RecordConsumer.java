package io.tollgate.eventing.kafka;

import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import java.util.List;
import java.util.Set;

/**
 * Handles events one at a time, several to a transaction. For a poll's records the consumer loop
 * opens one JTA transaction, skips each event whose id is already in the processed-event log of
 * {@link #group()}, calls {@link #handle} for the others in offset order, records their ids and
 * commits: effects and ids are stored together or not at all. When the batch fails for a lasting
 * reason it is split until the failing record stands alone, so {@link #handle} may run more than
 * once for an event whose transaction rolled back (it must keep no state outside the transaction).
 * Implement as an {@code @ApplicationScoped} bean; the loop starts on Quarkus start-up.
 */
public interface RecordConsumer {

    /** Consumer group id; also names the dead-letter topic ({@code <group>.dlt}). */
    String group();

    List<Topics.Topic> topics();

    /** Applies one event inside the loop's transaction; throw {@link RejectedEventException} to dead-letter it. */
    void handle(IncomingEvent event);

    /**
     * This consumer's allowlist of (topic, {@code ce_type}, {@code ce_source}): a record on another
     * route is dead-lettered as a contract violation, never handled. By default every route the
     * contract allows on {@link #topics()}; narrow it to what the consumer uses.
     */
    default Set<Provenance.Route> accepts() {
        return Provenance.routesOn(topics());
    }
}
