package io.tollgate.eventing.axon;

import io.tollgate.eventing.db.AfterCommit;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * An event-sourced repository that keeps the last <em>committed</em> state of its aggregates in
 * memory, so a long stream (a customer's Designation gains an event per grant) is not replayed for
 * every command. It never trusts that state blindly: a load starts from it and reads only the events
 * stored after its version, so an event written by another node, or one the cache missed, is applied
 * before the command runs.
 *
 * <p>State enters the cache only after the JTA transaction that produced it committed (an Axon unit
 * of work commits when its command ends, long before the surrounding transaction may still roll
 * back). A loaded state is taken out of the cache while a transaction uses it, so two threads never
 * share one mutable aggregate; within one transaction the second command on the same aggregate
 * continues from the first one's state. Without an active transaction it loads as usual.
 */
public final class CommittedStateRepository<T> extends EventSourcingRepository<T> {

    /** Aggregates kept; the least recently used one is dropped above this (and replayed when next used). */
    static final int CACHED_MAX = 10_000;
    /** This repository's key for its per-transaction states (one map per repository, not per class). */
    private final Object resource = new Object();

    private final EventStore events;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Committed<T>> committed = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Committed<T>> eldest) {
            return size() > CACHED_MAX;
        }
    };

    /**
     * A state as of {@code version}, the sequence number of the last event applied to it, with the
     * snapshot trigger that has counted its events since the last snapshot.
     */
    private record Committed<T>(T root, long version, SnapshotTrigger trigger) {
    }

    public CommittedStateRepository(Builder<T> builder, EventStore events, SnapshotTriggerDefinition snapshots,
                             TransactionSynchronizationRegistry transactions) {
        super(builder.eventStore(events).snapshotTriggerDefinition(snapshots));
        this.events = events;
        this.transactions = transactions;
    }

    /** A repository for {@code type} as Axon's configuration would build it, with this cache. */
    public static <T> CommittedStateRepository<T> of(Configuration c, Class<T> type, SnapshotTriggerDefinition snapshots,
                                                     TransactionSynchronizationRegistry transactions) {
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(type)
                .parameterResolverFactory(c.parameterResolverFactory())
                .handlerDefinition(c.handlerDefinition(type));
        return new CommittedStateRepository<>(builder, c.eventStore(), snapshots, transactions);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateId, Long expectedVersion) {
        Map<String, Committed<T>> inTransaction = transactionStates();
        if (inTransaction == null) {
            return super.doLoadWithLock(aggregateId, expectedVersion);
        }
        Committed<T> start = inTransaction.containsKey(aggregateId)
                ? inTransaction.remove(aggregateId) : take(aggregateId);
        EventSourcedAggregate<T> aggregate = start == null
                ? super.doLoadWithLock(aggregateId, expectedVersion) : resume(aggregateId, start);
        // Only a command that completes hands its state on; a failed one may have changed it halfway.
        CurrentUnitOfWork.get().root().afterCommit(unit -> keep(inTransaction, aggregateId, aggregate));
        return aggregate;
    }

    private EventSourcedAggregate<T> resume(String aggregateId, Committed<T> start) {
        EventSourcedAggregate<T> aggregate = EventSourcedAggregate.reconstruct(start.root(), aggregateModel(),
                start.version(), false, events, start.trigger());
        DomainEventStream newer = events.readEvents(aggregateId, start.version() + 1);
        if (newer.hasNext()) {
            aggregate.initializeState(newer);
        }
        return aggregate;
    }

    private void keep(Map<String, Committed<T>> inTransaction, String aggregateId,
                      EventSourcedAggregate<T> aggregate) {
        Long version = aggregate.version();
        if (version != null && !aggregate.isDeleted()) {
            inTransaction.put(aggregateId, new Committed<>(aggregate.getAggregateRoot(), version,
                    aggregate.getSnapshotTrigger()));
        }
    }

    /** This transaction's states, created with a hook that publishes them once it committed. */
    @SuppressWarnings("unchecked")
    private Map<String, Committed<T>> transactionStates() {
        if (transactions.getTransactionKey() == null) {
            return null;
        }
        Map<String, Committed<T>> states = (Map<String, Committed<T>>) transactions.getResource(resource);
        if (states == null) {
            Map<String, Committed<T>> created = new HashMap<>();
            transactions.putResource(resource, created);
            AfterCommit.register(transactions, () -> created.forEach(this::offer));
            states = created;
        }
        return states;
    }

    private Committed<T> take(String aggregateId) {
        synchronized (committed) {
            return committed.remove(aggregateId);
        }
    }

    /** Keeps the newer of two committed states (two transactions may both have read one). */
    private void offer(String aggregateId, Committed<T> state) {
        synchronized (committed) {
            Committed<T> present = committed.get(aggregateId);
            if (present == null || present.version() < state.version()) {
                committed.put(aggregateId, state);
            }
        }
    }
}
