package io.tollgate.eventing.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.eventing.rest.ProblemException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** The retry runs a write again only after a lost append race, and a bounded number of times. */
class ConcurrencyRetryTest {

    @Test
    void aWriteThatLostARaceRunsAgainAndItsResultIsReturned() {
        // given
        AtomicInteger attempts = new AtomicInteger();

        // when
        String result = ConcurrencyRetry.run("order 1", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("wrapped", new ConcurrencyException("lost"));
            }
            return "stored";
        });

        // then
        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aWriteThatKeepsLosingIsA409AfterTheBound() {
        // given
        AtomicInteger attempts = new AtomicInteger();

        // when / then
        assertThatThrownBy(() -> ConcurrencyRetry.run("order 2", () -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("lost again");
        })).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(409);
            assertThat(p.code()).isEqualTo(ConcurrencyRetry.CODE);
        });
        assertThat(attempts).hasValue(ConcurrencyRetry.ATTEMPTS_MAX);
    }

    @Test
    void aNotNullOrForeignKeyViolationIsABugNotARaceAndIsNotRetried() {
        for (String state : new String[] {"23502", "23503", "23505"}) {
            // given: an integrity violation that Axon did not report as a concurrency conflict
            AtomicInteger attempts = new AtomicInteger();
            EventStoreException failure = new EventStoreException("store failed",
                    new SQLException("constraint", state));

            // when / then
            assertThatThrownBy(() -> ConcurrencyRetry.run("order 3", () -> {
                attempts.incrementAndGet();
                throw failure;
            })).isSameAs(failure);
            assertThat(attempts).as(state).hasValue(1);
        }
    }
}
