package io.tollgate.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.figures.Basis;
import io.tollgate.audit.figures.Cut;
import io.tollgate.audit.fixture.FixtureHistory;
import io.tollgate.audit.fixture.FixtureHistory.Expected;
import io.tollgate.audit.fixture.FixtureHistory.FixtureRecord;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.OrderRequestedV2;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit replay reads order requests in both wire versions: the recorded V1 history of
 * docs/ledger-rules.md §11, with every request published instead as the V2 its V1 upcasts to,
 * replays to the same entries and the same hand-worked balances and digest at every cut.
 */
class OrderRequestedVersionsTest {

    @Test
    void theRecordedV1HistoryAsV2ReplaysToTheSameEntriesBalancesAndDigest() {
        // given
        List<FixtureRecord> v1 = FixtureHistory.records();
        List<FixtureRecord> v2 = v1.stream().map(OrderRequestedVersionsTest::asV2).toList();
        assertThat(v2).as("the history has V2 requests where it had V1 ones")
                .filteredOn(r -> r.envelope().event() instanceof OrderRequestedV2)
                .hasSize((int) v1.stream().filter(r -> r.envelope().event() instanceof OrderRequestedV1).count())
                .isNotEmpty();

        // when
        List<Entry> fromV1 = WorkedHistoryTest.replay(v1);
        List<Entry> fromV2 = WorkedHistoryTest.replay(v2);

        // then
        assertThat(fromV2).isEqualTo(fromV1);
        for (Expected expected : FixtureHistory.expected()) {
            Balances balances = new Balances(new Cut("recording".equals(expected.basis()) ? Basis.RECORDING
                    : Basis.BUSINESS, expected.at()), null);
            fromV2.forEach(balances);
            assertThat(WorkedHistoryTest.rows(balances)).as(expected.name()).containsExactlyElementsOf(expected.rows());
            assertThat(balances.digest()).as(expected.name()).isEqualTo(expected.digest());
        }
    }

    private static FixtureRecord asV2(FixtureRecord r) {
        if (!(r.envelope().event() instanceof OrderRequestedV1 request)) {
            return r;
        }
        Envelope envelope = Envelope.of(r.envelope().id(), r.envelope().source(), request.asV2());
        return new FixtureRecord(r.row(), r.topic(), r.key(), r.timestamp(), envelope);
    }
}
