package io.tollgate.eventing.kafka;

import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import java.util.List;
import java.util.Set;

/**
 * Handles one poll's worth of decoded events (at most {@code max.poll.records}) in one JTA
 * transaction; offsets are committed only after that transaction commits. The implementation keeps
 * its own processed-event log inside the same transaction (so a redelivered batch changes nothing).
 * Records that cannot be decoded never reach it: they go to the dead-letter topic first.
 */
public interface BatchConsumer {

    String group();

    List<Topics.Topic> topics();

    void handleBatch(List<IncomingEvent> events);

    /**
     * This consumer's allowlist of (topic, {@code ce_type}, {@code ce_source}): a record on another
     * route is dead-lettered as a contract violation, never handled. By default every route the
     * contract allows on {@link #topics()}; narrow it to what the consumer uses.
     */
    default Set<Provenance.Route> accepts() {
        return Provenance.routesOn(topics());
    }
}
