package io.tollgate.eventing.axon;

import io.tollgate.eventing.db.AfterCommit;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, woken when the database transaction commits rather than when
 * Axon's unit of work does. Here a unit of work joins a JTA transaction that commits later (a REST
 * call, a consumer batch, a group commit), so Axon's own wake-up came too early: its tailing reader
 * found nothing yet, went back to sleep for its whole fetch delay, and every event waited up to that
 * long before the outbox relay saw it.
 */
final class CommitAwareEventStore extends EmbeddedEventStore {

    private final AfterCommit afterCommit;

    CommitAwareEventStore(Builder builder, AfterCommit afterCommit) {
        super(builder);
        this.afterCommit = afterCommit;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        afterCommit.run(() -> super.afterCommit(events));
    }
}
