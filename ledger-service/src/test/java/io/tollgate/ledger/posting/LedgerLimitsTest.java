package io.tollgate.ledger.posting;

import static io.tollgate.ledger.testing.Events.arriving;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.paid;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.contracts.WireEvent;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records the ledger cannot hold are refused by a stated limit with a stable code and a reason
 * naming the field and the limit, before anything is posted; values at the limit are accepted.
 */
class LedgerLimitsTest {

    @Test
    void amountBeyondLongMinorUnitsIsRefusedByTheAmountLimit() {
        // given the largest amount the wire allows: it overflows a long of cents
        var e = arriving(requested("o1", "c1", "100000000000000000.00", "USD"));
        // then
        assertRefused(e, LedgerLimits.Violation.AMOUNT_OUT_OF_RANGE, "grossAmount", "1000000000000.00");
    }

    @Test
    void amountAtTheLimitIsPosted() {
        var ledger = InMemoryLedger.withoutTimeouts();
        String max = io.tollgate.contracts.Money.ofMinor(LedgerLimits.AMOUNT_MINOR_MAX, "USD").amount();
        var request = arriving(requested("o1", "c1", max, "USD"));
        assertThatCode(() -> LedgerLimits.check(request)).doesNotThrowAnyException();
        assertThat(ledger.post(request, arriving(granted("o1", "a1")))).hasSize(1);
    }

    @Test
    void occurredAtBeyondTheJournalsMicrosecondsIsRefused() {
        // given a time whose microseconds since the epoch do not fit a long
        WireEvent far = grantAt(Instant.parse("+300000-01-01T00:00:00Z"));
        // then
        assertRefused(arriving(far), LedgerLimits.Violation.TIME_OUT_OF_RANGE, "occurredAt", "10000-01-01");
    }

    @Test
    void recordTimeOutOfRangeIsRefused() {
        var e = arriving(granted("o1", "a1"), "e-1", Instant.parse("1960-01-01T00:00:00Z"));
        assertRefused(e, LedgerLimits.Violation.TIME_OUT_OF_RANGE, "recordTime", "1970-01-01");
    }

    @Test
    void orderIdLongerThanItsColumnIsRefused() {
        String id = "o".repeat(LedgerLimits.ORDER_ID_LENGTH_MAX + 1);
        assertRefused(arriving(requested(id, "c1", "1.00", "USD")), LedgerLimits.Violation.VALUE_TOO_LONG,
                "orderId", "limit is " + LedgerLimits.ORDER_ID_LENGTH_MAX);
        assertThatCode(() -> LedgerLimits.check(arriving(requested(id.substring(1), "c1", "1.00", "USD"))))
                .doesNotThrowAnyException();
    }

    @Test
    void longAccountKeysAndEventIdsAreRefused() {
        assertRefused(arriving(requested("o1", "c".repeat(201), "1.00", "USD")),
                LedgerLimits.Violation.VALUE_TOO_LONG, "customerId", "200");
        assertRefused(arriving(granted("o1", "a1"), "e".repeat(65), Events.T0),
                LedgerLimits.Violation.VALUE_TOO_LONG, "ce_id", "64");
    }

    @Test
    void paymentBeyondTheParkedBoundIsRefusedAndTheOrderKeepsItsWaitingPayments() {
        // given an order whose payments all wait for a grant that has not come
        var ledger = InMemoryLedger.withoutTimeouts();
        List<LedgerEvent> payments = new ArrayList<>();
        for (int i = 0; i < OrderState.PARKED_PAYMENTS_MAX; i++) {
            payments.add(arriving(paid("o1", "a1", "1.00", "USD")));
        }
        ledger.post(payments, Events.T0, false);
        // when one more arrives
        var oneMore = arriving(paid("o1", "a1", "1.00", "USD"));
        var refused = catchThrowableOfType(UnpostableEventException.class, () -> ledger.post(oneMore));
        // then
        assertThat(refused.code()).isEqualTo("LEDGER_PARKED_PAYMENTS_FULL");
        assertThat(refused.eventId()).isEqualTo(oneMore.eventId());
        assertThat(refused.getMessage()).contains(String.valueOf(OrderState.PARKED_PAYMENTS_MAX));
    }

    private static WireEvent grantAt(Instant at) {
        return Events.grantedAt("o1", "a1", at);
    }

    private static void assertRefused(LedgerEvent e, LedgerLimits.Violation violation, String field,
                                      String limit) {
        var refused = catchThrowableOfType(UnpostableEventException.class, () -> LedgerLimits.check(e));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.code()).isEqualTo(violation.code());
        assertThat(refused.getMessage()).contains(field).contains(limit);
        assertThat(refused.eventId()).isEqualTo(e.eventId());
    }
}
