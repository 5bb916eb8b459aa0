package io.tollgate.eventing.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import org.axonframework.common.transaction.Transaction;

/**
 * Axon's {@link org.axonframework.common.transaction.TransactionManager} over Narayana JTA. Joins a
 * transaction that is already active (a REST call or a consumer loop began it), so Axon's event
 * append, token update and projections commit with the caller's own work; begins and commits one
 * itself only when none is active. A joined transaction is never committed here, only marked
 * rollback-only on failure: its owner decides.
 */
public final class JtaTransactionManager implements org.axonframework.common.transaction.TransactionManager {

    private final TransactionManager jta;

    public JtaTransactionManager(TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() == Status.STATUS_ACTIVE) {
                return new Joined();
            }
            jta.begin();
            return new Owned();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a JTA transaction", e);
        }
    }

    private final class Joined implements Transaction {
        @Override
        public void commit() {
            // The owner of the surrounding transaction commits.
        }

        @Override
        public void rollback() {
            try {
                if (jta.getStatus() == Status.STATUS_ACTIVE || jta.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    jta.setRollbackOnly();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("cannot mark the JTA transaction rollback-only", e);
            }
        }
    }

    private final class Owned implements Transaction {
        @Override
        public void commit() {
            try {
                if (jta.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    jta.rollback();
                    throw new IllegalStateException("transaction was marked rollback-only");
                }
                jta.commit();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("JTA commit failed", e);
            }
        }

        @Override
        public void rollback() {
            try {
                if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    jta.rollback();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("JTA rollback failed", e);
            }
        }
    }
}
