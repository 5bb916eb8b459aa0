package io.tollgate.eventing.kafka;

import io.tollgate.eventing.error.Transience;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Provenance;
import io.tollgate.eventing.signing.SignatureRejectedException;
import io.tollgate.eventing.deadletter.DeadLetterAction;
import io.tollgate.eventing.deadletter.DeadLetterStatus;
import io.tollgate.eventing.deadletter.DeadLetterStore;
import io.tollgate.eventing.deadletter.RecordCopy;
import io.tollgate.eventing.error.Causes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.tollgate.eventing.trace.LogContext;
import io.tollgate.eventing.trace.Traces;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Applies one poll's records for one consumer group so that no record can stop the group: a batch
 * that fails for a lasting reason is split until the failing record stands alone; that record is
 * dead-lettered once, and the later records of its key are parked behind it until an operator
 * retries or discards it. Transient failures are thrown to the loop, which retries the poll.
 *
 * <p>Each record is handled in a span that continues the trace its headers carry (a new trace when
 * they carry none, or none that can be read), with its order id and event id in the log context;
 * both end with the record, so nothing of one record reaches the lines of the next.
 */
final class PollApplier {

    private static final Logger LOG = Logger.getLogger(PollApplier.class);
    /** Wait before the next attempt of a record that failed for a lasting reason (times the attempt). */
    private static final long ATTEMPT_BACKOFF_MS = 200;
    /** Operator requests carried out after each poll. */
    static final int REQUESTS_PER_POLL_MAX = 20;
    static final String CONTRACT_VIOLATION = "CONTRACT_VIOLATION";
    static final String HANDLER_FAILED = "HANDLER_FAILED";
    static final String PARKED_LIMIT = "PARKED_LIMIT";
    /** Unsigned, wrongly signed, or signed by a key that is not the claimed producer's. */
    static final String SIGNATURE_REJECTED = DeadLetterStore.UNTRUSTED_CODE;

    /** A record of the poll: decoded, or with why it could not be. */
    private record Item(RecordCopy copy, ConsumerRecord<String, byte[]> source, IncomingEvent event,
                        Failure undecodable) {
    }

    /** Why a record was refused. */
    private record Failure(String code, String reason) {
    }

    private final String group;
    private final RecordConsumer recordConsumer;
    private final BatchConsumer batchConsumer;
    private final DeadLetters deadLetters;
    private final ProcessedEvents processed;
    private final DeadLetterStore store;
    private final Traces traces;
    private final RecordDecoder decoder;
    private final DecodeWorkers decodeWorkers;
    private final Set<Provenance.Route> accepts;
    private final int maxAttempts;

    PollApplier(String group, RecordConsumer recordConsumer, BatchConsumer batchConsumer,
                DeadLetters deadLetters, ProcessedEvents processed, DeadLetterStore store,
                Traces traces, RecordDecoder decoder, DecodeWorkers decodeWorkers, int maxAttempts) {
        this.group = group;
        this.recordConsumer = recordConsumer;
        this.batchConsumer = batchConsumer;
        this.deadLetters = deadLetters;
        this.processed = processed;
        this.store = store;
        this.traces = traces;
        this.decoder = decoder;
        this.decodeWorkers = decodeWorkers;
        this.accepts = recordConsumer != null ? recordConsumer.accepts() : batchConsumer.accepts();
        this.maxAttempts = maxAttempts;
    }

    /** Applies the records of one poll in their order; throws only for a transient failure. */
    void apply(List<ConsumerRecord<String, byte[]>> records) {
        List<Item> items = decodeWorkers.map(records, this::decode);
        Holds holds = new Holds(store.holding(group, items.stream().map(i -> i.copy().orderKey())
                .filter(k -> k != null).collect(Collectors.toSet())));
        Set<String> refused = processed.deadLettered(group, items.stream().filter(i -> i.event() != null)
                .map(i -> i.event().eventId()).collect(Collectors.toSet()));
        List<Item> run = new ArrayList<>();
        for (Item item : items) {
            if (holds.holds(item)) {
                park(item, holds);
            } else if (item.undecodable() != null) {
                applyBatch(run, holds);
                run = new ArrayList<>();
                deadLetter(item, item.undecodable(), holds, null);
            } else if (refused.contains(item.event().eventId())) {
                LOG.debugf("consumer %s: event %s was dead-lettered before; skipped", group, item.event().eventId());
            } else {
                run.add(item);
            }
        }
        applyBatch(run, holds);
    }

    /** Tries a batch whole; when it fails for a lasting reason, tries each half (left first). */
    private void applyBatch(List<Item> batch, Holds holds) {
        List<Item> ready = new ArrayList<>(batch.size());
        for (Item item : batch) {
            if (holds.holds(item)) {
                park(item, holds);
            } else {
                ready.add(item);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        if (ready.size() == 1) {
            applyAlone(ready.get(0), holds, null);
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> handle(ready));
            return;
        } catch (RuntimeException e) {
            if (Transience.isTransient(e) || ConsumerLoop.endsTheSession(e)) {
                throw e;
            }
            LOG.warnf("consumer %s: a batch of %d failed (%s); splitting it to find the record at fault",
                    group, ready.size(), Causes.describe(e));
        }
        int middle = ready.size() / 2;
        applyBatch(ready.subList(0, middle), holds);
        applyBatch(ready.subList(middle, ready.size()), holds);
    }

    private void applyAlone(Item item, Holds holds, Runnable alsoInTransaction) {
        try (LogContext log = logContext(item)) {
            Optional<Failure> failure = attempt(item, alsoInTransaction);
            failure.ifPresent(f -> deadLetter(item, f, holds, alsoInTransaction));
        }
    }

    /**
     * Applies one record in its own transaction (with {@code alsoInTransaction}), up to the bounded
     * attempts; answers why it was refused, or empty once applied. Transient failures are thrown.
     */
    private Optional<Failure> attempt(Item item, Runnable alsoInTransaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (alsoInTransaction != null) {
                        alsoInTransaction.run();
                    }
                    handle(List.of(item));
                });
                return Optional.empty();
            } catch (RuntimeException e) {
                Optional<RejectedEventException> rejected = Causes.find(e, RejectedEventException.class);
                if (rejected.isPresent()) {
                    return Optional.of(new Failure(rejected.get().code(), rejected.get().getMessage()));
                }
                if (Transience.isTransient(e) || ConsumerLoop.endsTheSession(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    return Optional.of(new Failure(HANDLER_FAILED, Causes.describe(e)));
                }
                LOG.warnf(e, "consumer %s: attempt %d of %d failed for event %s", group, attempt, maxAttempts,
                        item.event().eventId());
                ConsumerLoop.sleepQuietly(ATTEMPT_BACKOFF_MS * attempt);
            }
        }
    }

    /**
     * Applies records in the caller's transaction. A {@link BatchConsumer} takes them whole; a
     * {@link RecordConsumer} gets each event whose id the group has not processed yet (one lookup
     * for all of them, a repeat inside the batch counting as processed), and the applied ids are
     * recorded together at the end, so a batch costs one transaction and a few statements.
     */
    private void handle(List<Item> items) {
        if (batchConsumer != null) {
            handleBatch(items);
            return;
        }
        Set<String> seen = processed.among(group,
                items.stream().map(i -> i.event().eventId()).toList());
        List<IncomingEvent> applied = new ArrayList<>(items.size());
        for (Item item : items) {
            if (seen.add(item.event().eventId())) {
                handleOne(item);
                applied.add(item.event());
            }
        }
        processed.recordAll(group, applied, ProcessedEvents.Outcome.APPLIED);
    }

    /** One record through the {@link RecordConsumer}, in its own span and log context. */
    private void handleOne(Item item) {
        Span span = startSpan(item, 1);
        try (Scope scope = span.makeCurrent(); LogContext log = logContext(item)) {
            recordConsumer.handle(item.event());
            LOG.debugf("consumer %s applied %s", group, where(item));
        } catch (RuntimeException | Error e) {
            Traces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Records through the {@link BatchConsumer}: a span per record, each in the trace its
     * record carries and lasting the whole call (the consumer applies them together). A call of
     * one record (as after a split) runs in that record's span and log context; a larger one in
     * none, since no one record's ids would be true of every line.
     */
    private void handleBatch(List<Item> items) {
        List<Span> spans = new ArrayList<>(items.size());
        for (Item item : items) {
            spans.add(startSpan(item, items.size()));
        }
        boolean alone = items.size() == 1;
        try (Scope scope = alone ? spans.get(0).makeCurrent() : Scope.noop();
             LogContext log = alone ? logContext(items.get(0)) : LogContext.of(null, null)) {
            batchConsumer.handleBatch(items.stream().map(Item::event).toList());
            if (LOG.isDebugEnabled()) {
                for (int i = 0; i < items.size(); i++) {
                    logApplied(items.get(i), spans.get(i));
                }
            }
        } catch (RuntimeException | Error e) {
            spans.forEach(span -> Traces.failed(span, e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    private void logApplied(Item item, Span span) {
        try (Scope scope = span.makeCurrent(); LogContext log = logContext(item)) {
            LOG.debugf("consumer %s applied %s", group, where(item));
        }
    }

    private Span startSpan(Item item, int batchSize) {
        IncomingEvent event = item.event();
        return traces.startProcess(traces.fromHeaders(item.source().headers()), group,
                event.topic(), event.partition(), event.offset(), event.eventId(),
                item.copy().orderKey(), batchSize);
    }

    private static LogContext logContext(Item item) {
        String eventId = item.event() == null ? null : item.event().eventId();
        return LogContext.of(item.copy().orderKey(), eventId);
    }

    private static String where(Item item) {
        return item.copy().topic() + "/" + item.copy().partition() + "@" + item.copy().offset();
    }

    /**
     * Stores the dead letter, marks its event DEAD_LETTERED and writes the dead-letter topic, all
     * once per record: a record already stored (a redelivery) is not sent again.
     */
    private void deadLetter(Item item, Failure failure, Holds holds, Runnable alsoInTransaction) {
        try (LogContext log = logContext(item)) {
            storeDeadLetter(item, failure, alsoInTransaction);
        }
        // An untrusted record is no part of its order's history: it holds nothing back.
        if (!SIGNATURE_REJECTED.equals(failure.code())) {
            holds.add(item);
        }
    }

    private void storeDeadLetter(Item item, Failure failure, Runnable alsoInTransaction) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (!store.exists(group, item.copy())) {
                IncomingEvent event = item.event();
                store.add(group, item.copy(), event == null ? null : event.eventId(), failure.code(),
                        failure.reason());
                if (event != null && !processed.contains(group, event.eventId())) {
                    processed.record(group, event, ProcessedEvents.Outcome.DEAD_LETTERED);
                }
                deadLetters.send(group, item.source(), failure.code(), failure.reason());
            }
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
        });
    }

    /** Parks a record behind its key's dead letter; beyond the bound it is dead-lettered itself. */
    private void park(Item item, Holds holds) {
        try (LogContext log = logContext(item)) {
            parkInContext(item, holds);
        }
    }

    private void parkInContext(Item item, Holds holds) {
        String key = item.copy().orderKey();
        if (store.parkedCount(group, key) >= DeadLetterStore.PARKED_PER_KEY_MAX) {
            deadLetter(item, new Failure(PARKED_LIMIT, "more than " + DeadLetterStore.PARKED_PER_KEY_MAX
                    + " records of " + key + " wait behind its dead letters"), holds, null);
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> store.park(group, item.copy()));
        LOG.infof("consumer %s: parked %s/%d@%d behind a dead letter of %s", group, item.copy().topic(),
                item.copy().partition(), item.copy().offset(), key);
    }

    /** Carries out operator requests for dead letters on partitions this loop owns. */
    void serviceRequests(Collection<TopicPartition> owned) {
        for (DeadLetterStore.Pending request : store.pending(group, owned, REQUESTS_PER_POLL_MAX)) {
            if (request.status() == DeadLetterStatus.DISCARD_REQUESTED) {
                QuarkusTransaction.requiringNew().run(() -> store.move(request.id(),
                        DeadLetterStatus.DISCARD_REQUESTED, DeadLetterStatus.DISCARDED, DeadLetterAction.DISCARDED,
                        DeadLetterAction.CONSUMER, "discarded; parked records released"));
                release(request.record().orderKey());
            } else if (retry(request)) {
                release(request.record().orderKey());
            }
        }
    }

    /** Re-applies a dead letter's stored record; true once applied, false when refused again. */
    private boolean retry(DeadLetterStore.Pending request) {
        Item item = decode(request.record().toConsumerRecord());
        Optional<Failure> failure;
        if (item.undecodable() != null) {
            failure = Optional.of(item.undecodable());
        } else {
            failure = attempt(item, () -> {
                processed.forgetDeadLettered(group, item.event().eventId());
                if (!store.move(request.id(), DeadLetterStatus.RETRY_REQUESTED, DeadLetterStatus.RETRIED,
                        DeadLetterAction.RETRIED, DeadLetterAction.CONSUMER, "applied on retry")) {
                    throw new IllegalStateException("dead letter " + request.id() + " changed during its retry");
                }
            });
        }
        failure.ifPresent(f -> {
            LOG.warnf("consumer %s: retry of dead letter %d refused again: %s: %s", group, request.id(), f.code(),
                    f.reason());
            QuarkusTransaction.requiringNew().run(() -> store.reopen(request.id(), f.code(), f.reason()));
        });
        return failure.isEmpty();
    }

    /**
     * Applies the records parked for a key, oldest first, once no dead letter of the key holds
     * them (records dead-lettered for the parking bound do not); stops at one that is refused.
     */
    private void release(String key) {
        if (key == null || store.holdsBeforeParking(group, key, PARKED_LIMIT)) {
            return;
        }
        Holds holds = new Holds(Map.of());
        for (DeadLetterStore.Parked parked : store.parked(group, key, DeadLetterStore.PARKED_PER_KEY_MAX)) {
            Item item = decode(parked.record().toConsumerRecord());
            Runnable unpark = () -> store.unpark(parked.id());
            if (item.undecodable() != null) {
                deadLetter(item, item.undecodable(), holds, unpark);
                return;
            }
            if (!processed.deadLettered(group, List.of(item.event().eventId())).isEmpty()) {
                QuarkusTransaction.requiringNew().run(unpark);
                continue;
            }
            Optional<Failure> failure = attempt(item, unpark);
            if (failure.isPresent()) {
                deadLetter(item, failure.get(), holds, unpark);
                return;
            }
        }
    }

    private Item decode(ConsumerRecord<String, byte[]> record) {
        RecordCopy copy = RecordCopy.of(record);
        try {
            return new Item(copy, record, decoder.decode(record, accepts), null);
        } catch (SignatureRejectedException e) {
            return new Item(copy, record, null, new Failure(SIGNATURE_REJECTED, e.getMessage()));
        } catch (ContractViolationException e) {
            return new Item(copy, record, null, new Failure(CONTRACT_VIOLATION, e.getMessage()));
        }
    }

    /**
     * The holding dead letters of the poll's keys, as they grow during the poll. A dead letter does
     * not hold a record that came before it on its own partition (a poll retried after a transient
     * failure meets records older than a dead letter it stored the first time).
     */
    private static final class Holds {
        private final Map<String, List<DeadLetterStore.Origin>> byKey;

        Holds(Map<String, List<DeadLetterStore.Origin>> initial) {
            this.byKey = new HashMap<>(initial);
        }

        boolean holds(Item item) {
            String key = item.copy().orderKey();
            if (key == null) {
                return false;
            }
            for (DeadLetterStore.Origin o : byKey.getOrDefault(key, List.of())) {
                boolean samePartition = o.topic().equals(item.copy().topic()) && o.partition() == item.copy().partition();
                if (!samePartition || o.offset() < item.copy().offset()) {
                    return true;
                }
            }
            return false;
        }

        void add(Item item) {
            String key = item.copy().orderKey();
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new DeadLetterStore.Origin(
                        item.copy().topic(), item.copy().partition(), item.copy().offset()));
            }
        }
    }
}
