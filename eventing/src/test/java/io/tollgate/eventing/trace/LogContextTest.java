package io.tollgate.eventing.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log context puts back what it found, so nested and consecutive scopes never leak. */
class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void closingPutsBackWhatWasThereAndRemovesWhatWasNot() {
        // given an outer order and event
        try (LogContext outer = LogContext.of("order-1", "event-1")) {
            // when an inner scope names another event of the same order
            try (LogContext inner = LogContext.of(null, "event-2")) {
                // then
                assertThat(LogContext.orderId()).isEqualTo("order-1");
                assertThat(LogContext.eventId()).isEqualTo("event-2");
            }
            assertThat(LogContext.eventId()).isEqualTo("event-1");
        }
        assertThat(MDC.getMap()).doesNotContainKeys(LogContext.ORDER_ID, LogContext.EVENT_ID);
    }

    @Test
    void consecutiveRecordsOnOneThreadSeeOnlyTheirOwnIds() {
        // given
        try (LogContext first = LogContext.of("order-1", "event-1")) {
            assertThat(LogContext.orderId()).isEqualTo("order-1");
        }

        // when
        String orderIdBetween = LogContext.orderId();
        try (LogContext second = LogContext.of("order-2", null)) {
            // then
            assertThat(LogContext.orderId()).isEqualTo("order-2");
            assertThat(LogContext.eventId()).isNull();
        }
        assertThat(orderIdBetween).isNull();
    }
}
