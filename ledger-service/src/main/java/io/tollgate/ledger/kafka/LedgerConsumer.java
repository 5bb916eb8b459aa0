package io.tollgate.ledger.kafka;

import io.tollgate.contracts.KafkaAccess;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.kafka.BatchConsumer;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.eventing.kafka.RetryLaterException;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.posting.LedgerEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live consumer: both event topics, one transaction per poll batch (eventing's loop commits the
 * offsets after it). Holds the write permit until the transaction completes, so a rebuild never
 * interleaves with a live batch; if a rebuild holds it too long the batch fails and is retried.
 *
 * <p>Any call may be a whole poll, a part of one or a single record (the loop splits a batch that
 * fails for good to isolate the record at fault): every call loads what it needs from the database
 * and keeps nothing in memory, so a rolled-back call leaves nothing behind. A record the ledger
 * cannot hold fails the call with a {@link io.tollgate.ledger.posting.UnpostableEventException}
 * before anything is written; a race with another instance fails it with a transient
 * {@link io.tollgate.ledger.journal.ConcurrentWriteException}. Waiting payments are expired only
 * on the chains (partitions) of the records at hand, which the consumer group gave this instance.
 */
@ApplicationScoped
public class LedgerConsumer implements BatchConsumer {

    public static final String GROUP = KafkaAccess.LEDGER_SERVICE.group();
    /** The ledger books every event of the contract: its allowlist is every route of both topics. */
    public static final Set<Provenance.Route> ACCEPTS = Provenance.routesOn(Topics.EVENT_TOPICS);

    private final LedgerWriter writer;
    private final TransactionSynchronizationRegistry transactions;
    private final long lockWaitMs;

    @Inject
    public LedgerConsumer(LedgerWriter writer, TransactionSynchronizationRegistry transactions,
                          @ConfigProperty(name = "tollgate.ledger.write-lock-wait-ms") long lockWaitMs) {
        this.writer = writer;
        this.transactions = transactions;
        this.lockWaitMs = lockWaitMs;
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public List<Topics.Topic> topics() {
        // The topics the broker lets this service read (contracts' KafkaAccess, the ACL table).
        return KafkaAccess.LEDGER_SERVICE.consumes();
    }

    @Override
    public Set<Provenance.Route> accepts() {
        return ACCEPTS;
    }

    @Override
    public void handleBatch(List<IncomingEvent> events) {
        List<LedgerEvent> batch = Decoding.toLedgerEvents(events);
        if (batch.isEmpty()) {
            return; // Only workflow events (waits, supplied scenarios): nothing to book or expire.
        }
        if (!writer.acquire(lockWaitMs)) {
            throw new RetryLaterException("a rebuild holds the journal; the batch is retried");
        }
        try {
            transactions.registerInterposedSynchronization(new ReleaseOnCompletion(writer));
        } catch (RuntimeException e) {
            writer.release();
            throw e;
        }
        writer.post(batch, LedgerWriter.Expiry.ofChainsOf(batch));
    }

    /** Gives the write permit back once the batch's transaction committed or rolled back. */
    private record ReleaseOnCompletion(LedgerWriter writer) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED || status == Status.STATUS_ROLLEDBACK
                    || status == Status.STATUS_UNKNOWN || status == Status.STATUS_NO_TRANSACTION) {
                writer.release();
            }
        }
    }
}
