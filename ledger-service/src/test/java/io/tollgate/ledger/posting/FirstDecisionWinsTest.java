package io.tollgate.ledger.posting;

import static io.tollgate.ledger.testing.Events.arriving;
import static io.tollgate.ledger.testing.Events.cancelledRequested;
import static io.tollgate.ledger.testing.Events.denied;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.grantedAt;
import static io.tollgate.ledger.testing.Events.paid;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.ledger.journal.JournalEntry;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first authorization decision for an order stands, in the ledger as in order-service; any
 * later one is an anomaly booked only as a memo in suspense. Each case in both arrival orders of
 * the two topics (decisions before or after the request).
 */
class FirstDecisionWinsTest {

    private static final String USD = "USD";
    private static final String TREASURY = Accounts.liability("US-TREASURY");
    private static final String RECEIVABLE = Accounts.receivable("c1");
    private static final String REVENUE = Accounts.revenue("H200");
    private static final String REPEATED = Accounts.suspense(SuspenseReason.REPEATED_DECISION);
    private static final String CONFLICTING = Accounts.suspense(SuspenseReason.CONFLICTING_DECISION);

    private final InMemoryLedger ledger = InMemoryLedger.withoutTimeouts();

    @ParameterizedTest(name = "decisions before the request: {0}")
    @ValueSource(booleans = {false, true})
    void secondGrantIsBookedOnceAsAMemoNeverAsRevenue(boolean decisionsFirst) {
        // when
        post(decisionsFirst, arriving(granted("o1", "a1")), arriving(granted("o1", "a2")));
        // then the first grant is booked once
        assertThat(ledger.balance(RECEIVABLE, USD)).isEqualTo(100_000);
        assertThat(ledger.balance(REVENUE, USD)).isEqualTo(-100_000);
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
        // and the second is a visible memo of the gross, moving no balance
        assertMemo(REPEATED);
        assertThat(ledger.order("o1").anomalies).isEqualTo(1);
        assertThat(ledger.order("o1").status()).isEqualTo("AUTHORIZED");
        assertThat(ledger.parked()).isZero();
    }

    @ParameterizedTest(name = "decisions before the request: {0}")
    @ValueSource(booleans = {false, true})
    void grantAfterADenialBooksNothingButTheMemo(boolean decisionsFirst) {
        // when
        post(decisionsFirst, arriving(denied("o1", "a1")), arriving(granted("o1", "a2")));
        // then
        assertThat(ledger.balance(RECEIVABLE, USD)).isZero();
        assertThat(ledger.balance(REVENUE, USD)).isZero();
        assertThat(ledger.balance(TREASURY, USD)).isZero();
        assertMemo(CONFLICTING);
        assertThat(ledger.order("o1").status()).isEqualTo("DENIED");
        assertThat(ledger.order("o1").anomalies).isEqualTo(1);
    }

    @ParameterizedTest(name = "decisions before the request: {0}")
    @ValueSource(booleans = {false, true})
    void denialAfterAGrantLeavesTheGrantStanding(boolean decisionsFirst) {
        // when
        post(decisionsFirst, arriving(granted("o1", "a1")), arriving(denied("o1", "a2")));
        // then
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
        assertMemo(CONFLICTING);
        assertThat(ledger.order("o1").status()).isEqualTo("AUTHORIZED");
    }

    @Test
    void paymentNamingADecisionThatDoesNotStandGoesToSuspense() {
        // given
        post(false, arriving(granted("o1", "a1")), arriving(granted("o1", "a2")));
        // when
        ledger.post(arriving(paid("o1", "a2", "250.00", USD)));
        // then the standing grant is still owed in full
        assertThat(ledger.balance(TREASURY, USD)).isEqualTo(-25_000);
        assertThat(ledger.balance(Accounts.suspense(SuspenseReason.PAYMENT_FOR_ANOMALOUS_DECISION), USD))
                .isEqualTo(25_000);
    }

    @Test
    void cancellationWhileRequestedVoidsOnlyTheStandingGrant() {
        // given
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(cancelledRequested("o1")));
        // when two grants arrive after the cancellation
        ledger.post(arriving(granted("o1", "a1")), arriving(granted("o1", "a2")));
        // then the first is posted and reversed, the second is a memo only
        assertThat(ledger.journal()).extracting(e -> e.draft().kind())
                .containsExactly(EntryKind.AUTHORIZATION, EntryKind.REVERSAL, EntryKind.ANOMALY);
        ledger.balances().lines().forEach(l -> assertThat(l.balanceMinor()).as(l.account()).isZero());
    }

    @Test
    void reversalOfAGrantDecidedAfterTheCancellationIsNotDatedBeforeTheGrant() {
        // given an order cancelled while requested (at T0 + 30 s)
        ledger.post(arriving(requested("o1", "c1", "1000.00", USD)), arriving(cancelledRequested("o1")));
        // when the grant decided later (T0 + 60 s) arrives
        List<JournalEntry> entries = ledger.post(arriving(grantedAt("o1", "a1", Events.T0.plusSeconds(60))));
        // then the reversal is dated at the grant, so no instant shows it without its authorization
        assertThat(entries).extracting(e -> e.draft().kind() + " " + e.draft().businessTime()).containsExactly(
                "AUTHORIZATION " + Events.T0.plusSeconds(60), "REVERSAL " + Events.T0.plusSeconds(60));
    }

    private void post(boolean decisionsFirst, io.tollgate.ledger.posting.LedgerEvent first,
                      io.tollgate.ledger.posting.LedgerEvent second) {
        var request = arriving(requested("o1", "c1", "1000.00", USD));
        if (decisionsFirst) {
            ledger.post(first, second);
            ledger.post(request);
        } else {
            ledger.post(request);
            ledger.post(first, second);
        }
    }

    private void assertMemo(String account) {
        var line = ledger.balances().line(account, USD);
        assertThat(line.debitsMinor()).as(account + " debits").isEqualTo(100_000);
        assertThat(line.creditsMinor()).as(account + " credits").isEqualTo(100_000);
    }
}
