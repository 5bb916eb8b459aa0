package io.tollgate.eventing.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Busy (409) and unavailable (503) answers say when to retry; other refusals do not. */
class RetryAfterTest {

    @Test
    void aBusyConflictCarriesRetryAfterFromTheCatalogue() {
        // given / when
        Response busy = ProblemMappers.respond(409, "CONCURRENT_UPDATE", null, "order 1 changed", null);
        // then
        assertThat(busy.getStatus()).isEqualTo(409);
        assertThat(busy.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(((Problem) busy.getEntity()).type()).isEqualTo("/problems/concurrent-update");
    }

    @Test
    void anUnavailableAnswerCarriesRetryAfterAndARefusalOfTheRequestDoesNot() {
        // given / when
        Response unavailable = ProblemMappers.respond(503, "TEMPORARILY_UNAVAILABLE", null, "database away", null);
        Response refused = ProblemMappers.respond(409, "DEAD_LETTER_NOT_OPEN", "id", "already retried", null);
        // then
        assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(refused.getHeaderString("Retry-After")).isNull();
    }
}
