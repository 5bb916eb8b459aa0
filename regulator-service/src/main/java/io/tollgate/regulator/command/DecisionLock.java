package io.tollgate.regulator.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One decision at a time on this node: a transaction that decides (the order consumer's batch, a
 * supplied document or scenario, an officer's decision, a pass over the US-volume waits, an ERP's
 * US shipment report) enters before its first decision and leaves when it completes, committed or
 * rolled back. Decisions share aggregates (the customer's Designation, the class's UsVolume); run
 * concurrently, all but one lose the race on the event store's (aggregate, sequence) key and roll
 * back, wasting their work and leaving gaps in the global index that every tracking token then
 * carries. Across nodes that key still decides, as before.
 *
 * <p>A permit, not an owned lock: the transaction may complete on another thread (a timeout).
 */
@ApplicationScoped
public class DecisionLock {

    /** How long a decision waits for the one before it; longer means something is stuck. */
    static final long WAIT_SECONDS = 120;

    private final Semaphore permit = new Semaphore(1, true);
    /** This lock's key among the transaction's resources: whether it entered already. */
    private final Object resource = new Object();
    private final TransactionSynchronizationRegistry transactions;

    @Inject
    public DecisionLock(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * Enters for the current transaction (once: later calls in the same transaction pass).
     *
     * @throws IllegalStateException without a transaction, or when the wait ran out
     */
    public void enter() {
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException("a decision must run in a transaction");
        }
        if (transactions.getResource(resource) != null) {
            return;
        }
        try {
            if (!permit.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("another decision held this node for more than "
                        + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the decision before it", e);
        }
        try {
            transactions.putResource(resource, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    permit.release();
                }
            });
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    /** Permits free now (1 when no decision runs): for tests. */
    int available() {
        return permit.availablePermits();
    }
}
