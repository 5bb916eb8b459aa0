package io.tollgate.eventing.axon;

import io.tollgate.eventing.error.Causes;
import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that a unique-key violation (SQLState 23505, the same on H2 and PostgreSQL) on append
 * means another writer took the aggregate's next sequence number, so Axon raises a
 * {@code ConcurrencyException} (retry on fresh state) instead of a generic store failure.
 */
final class UniqueViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return Causes.any(exception,
                t -> t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }
}
