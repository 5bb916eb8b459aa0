package io.tollgate.ledger.journal;

import java.sql.SQLTransactionRollbackException;

/**
 * Another writer changed an order row or a chain head since this batch loaded it (two ledger
 * instances, or a zombie owner after a rebalance). A transient failure by its type (SQLState 40001,
 * a serialization failure), so the consumer loop rolls the batch back and retries it on the
 * winner's state instead of dead-lettering a record or overwriting the other writer's work.
 */
public final class ConcurrentWriteException extends SQLTransactionRollbackException {

    public static final String SQL_STATE = "40001";

    public ConcurrentWriteException(String reason) {
        super(reason, SQL_STATE);
    }

    public ConcurrentWriteException(String reason, Throwable cause) {
        super(reason, SQL_STATE, cause);
    }
}
