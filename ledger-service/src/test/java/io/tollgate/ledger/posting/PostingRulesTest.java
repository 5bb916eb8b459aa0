package io.tollgate.ledger.posting;

import static io.tollgate.ledger.testing.Events.arriving;
import static io.tollgate.ledger.testing.Events.cancelledAuthorized;
import static io.tollgate.ledger.testing.Events.cancelledRequested;
import static io.tollgate.ledger.testing.Events.denied;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.paid;
import static io.tollgate.ledger.testing.Events.paidBy;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.ledger.journal.JournalEntry;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostingRulesTest {

    private static final String USD = "USD";
    private static final String TREASURY = Accounts.liability("US-TREASURY");
    private final InMemoryLedger ledger = new InMemoryLedger(Duration.ofMinutes(10));

    @Test
    void requestAloneMovesNoMoney() {
        // when
        List<JournalEntry> entries = ledger.post(arriving(requested("o1", "c1", "1000.00", USD)));
        // then
        assertThat(entries).isEmpty();
        assertThat(ledger.order("o1").status()).isEqualTo("REQUESTED");
    }

    @Test
    void grantPostsGrossToReceivableAndRevenueAndTheShareToTheTreasuryLiability() {
        // given
        ledger.post(arriving(requested("o1", "c1", "1000.10", USD)));
        // when
        List<JournalEntry> entries = ledger.post(arriving(granted("o1", "a1")));
        // then
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.draft().kind()).isEqualTo(EntryKind.AUTHORIZATION));
        assertThat(ledger.balance("receivable:customer:c1", USD)).isEqualTo(100_010);
        assertThat(ledger.balance("revenue:sales:h200", USD)).isEqualTo(-100_010);
        // 25% of 1000.10 = 250.025, HALF_EVEN to the cent = 250.02
        assertThat(ledger.balance(Accounts.EXPENSE_REVENUE_SHARE, USD)).isEqualTo(25_002);
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_002);
    }

    @Test
    void grantBeforeItsRequestIsParkedAndPostedWhenTheRequestArrives() {
        // when
        List<JournalEntry> early = ledger.post(arriving(granted("o1", "a1")));
        // then
        assertThat(early).isEmpty();
        assertThat(ledger.parked()).isEqualTo(1);
        // when
        List<JournalEntry> later = ledger.post(arriving(requested("o1", "c1", "1000.00", USD)));
        // then
        assertThat(later).extracting(e -> e.draft().kind()).containsExactly(EntryKind.AUTHORIZATION);
        assertThat(ledger.parked()).isZero();
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
    }

    @Test
    void denialMovesNoMoney() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)));
        assertThat(ledger.post(arriving(denied("o1", "a1")))).isEmpty();
        assertThat(ledger.order("o1").status()).isEqualTo("DENIED");
    }

    @Test
    void paymentDebitsTheLiabilityAndCreditsCash() {
        // given
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(granted("o1", "a1")));
        // when
        ledger.post(arriving(paid("o1", "a1", "100.00", USD)));
        ledger.post(arriving(paid("o1", "a1", "150.00", USD)));
        // then
        assertThat(ledger.balance(TREASURY, USD)).isZero();
        assertThat(ledger.balance(Accounts.CASH_OPERATING, USD)).isEqualTo(-25_000);
        assertThat(ledger.order("o1").status()).isEqualTo("SETTLED");
    }

    @Test
    void paymentAboveWhatIsDueSendsTheExcessToSuspenseOverpayment() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(granted("o1", "a1")));
        ledger.post(arriving(paid("o1", "a1", "300.00", USD)));
        assertThat(ledger.balance(TREASURY, USD)).isZero();
        assertThat(ledger.balance(Accounts.suspense(SuspenseReason.OVERPAYMENT), USD)).isEqualTo(5_000);
        assertThat(ledger.balance(Accounts.CASH_OPERATING, USD)).isEqualTo(-30_000);
    }

    @Test
    void paymentInAnotherCurrencyGoesToSuspenseCurrencyMismatch() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(granted("o1", "a1")));
        ledger.post(arriving(paid("o1", "a1", "250.00", "EUR")));
        assertThat(ledger.balance(Accounts.suspense(SuspenseReason.CURRENCY_MISMATCH), "EUR")).isEqualTo(25_000);
        assertThat(ledger.balance(Accounts.CASH_OPERATING, "EUR")).isEqualTo(-25_000);
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
    }

    @Test
    void paymentToAnotherPayeeGoesToSuspensePayeeMismatch() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(granted("o1", "a1")));
        ledger.post(arriving(paidBy("o1", "a1", "250.00", USD, "SOMEONE-ELSE")));
        assertThat(ledger.balance(Accounts.suspense(SuspenseReason.PAYEE_MISMATCH), USD)).isEqualTo(25_000);
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
    }

    @Test
    void paymentForADeniedOrderGoesToSuspense() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(denied("o1", "a1")));
        ledger.post(arriving(paid("o1", "a1", "250.00", USD)));
        assertThat(ledger.balance(Accounts.suspense(SuspenseReason.PAYMENT_FOR_DENIED_ORDER), USD)).isEqualTo(25_000);
    }

    @Test
    void paymentAfterTheCancellationGoesToSuspenseAtOnce() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(cancelledRequested("o1")));
        List<JournalEntry> entries = ledger.post(arriving(paid("o1", "a1", "250.00", USD)));
        assertThat(entries).hasSize(1);
        assertThat(ledger.balance(Accounts.suspense(SuspenseReason.PAYMENT_FOR_CANCELLED_ORDER), USD))
                .isEqualTo(25_000);
        assertThat(ledger.parked()).isZero();
    }

    @Test
    void paymentBeforeItsGrantWaitsAndIsPostedWhenTheGrantArrives() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)));
        assertThat(ledger.post(arriving(paid("o1", "a1", "250.00", USD)))).isEmpty();
        assertThat(ledger.parked()).isEqualTo(1);
        ledger.post(arriving(granted("o1", "a1")));
        assertThat(ledger.parked()).isZero();
        assertThat(ledger.balance(TREASURY, USD)).isZero();
    }

    @Test
    void waitingPaymentTimesOutToSuspenseUnknownOrderAndIsResolvedWhenItsOrderArrives() {
        // given a payment for an order the ledger has not seen
        ledger.post(List.of(arriving(paid("o1", "a1", "250.00", USD), "11111111-1111-1111-1111-111111111111",
                Events.T0)), Events.T0, true);
        // when the ledger's clock passes the timeout
        List<JournalEntry> timedOut = ledger.expire(Events.T0.plus(Duration.ofMinutes(10)));
        // then
        assertThat(timedOut).extracting(e -> e.draft().kind()).containsExactly(EntryKind.TIMEOUT);
        String unknown = Accounts.suspense(SuspenseReason.UNKNOWN_ORDER);
        assertThat(ledger.balance(unknown, USD)).isEqualTo(25_000);
        // when the order and its grant arrive
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(granted("o1", "a1")));
        // then the money leaves suspense and the balances are those of an in-time payment
        assertThat(ledger.balance(unknown, USD)).isZero();
        assertThat(ledger.balance(TREASURY, USD)).isZero();
        assertThat(ledger.balance(Accounts.CASH_OPERATING, USD)).isEqualTo(-25_000);
        assertThat(ledger.journal()).extracting(e -> e.draft().kind())
                .containsExactly(EntryKind.TIMEOUT, EntryKind.AUTHORIZATION, EntryKind.RESOLUTION);
    }

    @Test
    void waitingPaymentOfAKnownOrderForAnUnknownGrantAlsoTimesOutToSuspenseUnknownOrder() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)));
        ledger.post(List.of(arriving(paid("o1", "a9", "10.00", USD))), Events.T0, false);
        assertThat(ledger.expire(Events.T0.plus(Duration.ofMinutes(9)))).isEmpty();
        ledger.expire(Events.T0.plus(Duration.ofMinutes(10)));
        assertThat(ledger.balance(Accounts.suspense(SuspenseReason.UNKNOWN_ORDER), USD)).isEqualTo(1_000);
        assertThat(ledger.parked()).isZero();
    }

    @Test
    void cancellationOfAnAuthorizedOrderReversesExactlyItsGrant() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(granted("o1", "a1")));
        List<JournalEntry> entries = ledger.post(arriving(cancelledAuthorized("o1", "a1")));
        assertThat(entries).extracting(e -> e.draft().kind()).containsExactly(EntryKind.REVERSAL);
        ledger.balances().lines().forEach(l -> assertThat(l.balanceMinor()).as(l.account()).isZero());
        assertThat(ledger.order("o1").status()).isEqualTo("CANCELLED");
    }

    @Test
    void cancellationArrivingBeforeTheGrantItVoidsWaitsForItThenReversesIt() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)));
        assertThat(ledger.post(arriving(cancelledAuthorized("o1", "a1")))).isEmpty();
        assertThat(ledger.parked()).isEqualTo(1);
        List<JournalEntry> entries = ledger.post(arriving(granted("o1", "a1")));
        assertThat(entries).extracting(e -> e.draft().kind())
                .containsExactly(EntryKind.AUTHORIZATION, EntryKind.REVERSAL);
        assertThat(ledger.parked()).isZero();
        ledger.balances().lines().forEach(l -> assertThat(l.balanceMinor()).as(l.account()).isZero());
    }

    @Test
    void grantArrivingAfterACancellationWhileRequestedIsPostedAndReversed() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(cancelledRequested("o1")));
        ledger.post(arriving(granted("o1", "a1")));
        ledger.balances().lines().forEach(l -> assertThat(l.balanceMinor()).as(l.account()).isZero());
    }

    @Test
    void secondRequestForTheSameOrderIsAnAnomalyAndPostsNothing() {
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)));
        ledger.post(arriving(requested("o1", "c1", "9999.00", USD)));
        ledger.post(arriving(granted("o1", "a1")));
        assertThat(ledger.order("o1").anomalies).isEqualTo(1);
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
    }

    @Test
    void redeliveredEventPostsNothing() {
        var grant = arriving(granted("o1", "a1"));
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), grant);
        assertThat(ledger.post(grant)).isEmpty();
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
    }

    @Test
    void zeroDecimalCurrencyIsPostedInWholeUnits() {
        ledger.post(arriving(requested("o1", "c1", "1001", "JPY")), arriving(granted("o1", "a1")));
        // 25% of 1001 JPY = 250.25, HALF_EVEN to the yen = 250
        assertThat(ledger.balance(TREASURY, "JPY")).isEqualTo(-250);
    }
}
