package io.tollgate.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.figures.Basis;
import io.tollgate.audit.figures.Cut;
import io.tollgate.audit.fixture.FixtureHistory;
import io.tollgate.audit.fixture.FixtureHistory.FixtureRecord;
import io.tollgate.audit.replay.RecordDecoderAccess;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An application's waits and the ERP's supplied scenarios and documents are on the topics but book nothing: the
 * worked history with them interleaved gives the same journal and balances as without them.
 */
class WorkflowEventsTest {

    @Test
    void theWorkedHistoryWithWaitsSuppliesAndPassedOverSuppliesGivesTheSameJournalAndDigest() {
        // given: after each order's request, a wait for a scenario, the ERP's scenario and a document;
        // after each decision, a document the regulator passed over
        List<FixtureRecord> plain = FixtureHistory.records();
        List<FixtureRecord> withWorkflow = new ArrayList<>();
        int added = 0;
        for (FixtureRecord r : plain) {
            withWorkflow.add(r);
            if (r.envelope().event() instanceof OrderRequestedV1 request) {
                withWorkflow.add(record(r, Topics.AUTHORIZATIONS, Provenance.REGULATOR_SERVICE,
                        new AuthorizationPendingV1(request.orderId(), AuthorizationPendingV1.USAGE_SCENARIO,
                                "CN_IMPORT", "USAGE_SCENARIO_MISSING", "at least 40 characters", "2025-12-08.1",
                                null, r.timestamp())));
                withWorkflow.add(record(r, Topics.ORDERS, Provenance.ORDER_SERVICE,
                        new UsageScenarioSuppliedV1(request.orderId(), "LLM inference in a named data centre",
                                "erp:sap-prod", r.timestamp())));
                withWorkflow.add(record(r, Topics.ORDERS, Provenance.ORDER_SERVICE,
                        new DocumentSuppliedV1(request.orderId(), DocumentKind.LAB_TEST_REPORT, "US Labs",
                                LocalDate.parse("2025-12-01"), LocalDate.parse("2026-02-28"), "LAB-1",
                                "ab".repeat(32), "erp:sap-prod", r.timestamp())));
                added += 3;
            } else if (r.envelope().event() instanceof AuthorizationGrantedV1
                    || r.envelope().event() instanceof AuthorizationDeniedV1) {
                String state = r.envelope().event() instanceof AuthorizationGrantedV1 ? "GRANTED" : "DENIED";
                withWorkflow.add(record(r, Topics.AUTHORIZATIONS, Provenance.REGULATOR_SERVICE,
                        new SupplyPassedOverV1(r.envelope().subject(), SupplyPassedOverV1.DOCUMENT,
                                UUID.randomUUID().toString(), DocumentKind.LAB_TEST_REPORT, state, r.timestamp())));
                added++;
            }
        }
        assertThat(added).isPositive();

        // when
        List<Entry> expected = new ArrayList<>();
        Rulebook plainRules = new Rulebook(Rulebook.PARK_TIMEOUT_DEFAULT, expected::add);
        WorkedHistoryTest.feed(plainRules, plain);
        List<Entry> journal = new ArrayList<>();
        Rulebook rules = new Rulebook(Rulebook.PARK_TIMEOUT_DEFAULT, journal::add);
        WorkedHistoryTest.feed(rules, withWorkflow);

        // then: the same entries (only the records' offsets moved) and the same balances and digest
        assertThat(journal).usingRecursiveFieldByFieldElementComparatorIgnoringFields("source.offset")
                .isEqualTo(expected);
        assertThat(digest(journal)).isEqualTo(digest(expected)).startsWith("sha256:");
        assertThat(rules.tally().notBooked()).isEqualTo(added);
        assertThat(rules.tally().refused()).isEqualTo(plainRules.tally().refused());
        assertThat(rules.tally().held()).isEqualTo(plainRules.tally().held());
        assertThat(rules.tally().applied()).isEqualTo(plainRules.tally().applied());
    }

    @Test
    void aSuppliedScenarioNamesWhoSuppliedItAndAWaitOrAPassedOverSupplyNamesNoOne() {
        assertThat(RecordDecoderAccess.principalOf(new DocumentSuppliedV1("o-1", DocumentKind.LAB_TEST_REPORT,
                "US Labs", LocalDate.parse("2025-12-01"), LocalDate.parse("2026-02-28"), "LAB-1", "ab".repeat(32),
                "erp:sap-prod", FixtureHistory.at("09:00:00")))).isEqualTo("erp:sap-prod");
        assertThat(RecordDecoderAccess.principalOf(new UsageScenarioSuppliedV1("o-1", "text", "erp:sap-prod",
                FixtureHistory.at("09:00:00")))).isEqualTo("erp:sap-prod");
        assertThat(RecordDecoderAccess.principalOf(new AuthorizationPendingV1("o-1", "OFFICER_REVIEW", null,
                "QUANTITY_ABOVE_REVIEW_THRESHOLD", "an officer decides", "v1", null,
                FixtureHistory.at("09:00:00")))).isNull();
        assertThat(RecordDecoderAccess.principalOf(new SupplyPassedOverV1("o-1", SupplyPassedOverV1.USAGE_SCENARIO,
                UUID.randomUUID().toString(), null, "WITHDRAWN", FixtureHistory.at("09:00:00")))).isNull();
    }

    private static String digest(List<Entry> journal) {
        Balances balances = new Balances(new Cut(Basis.BUSINESS, FixtureHistory.at("23:59:59")), null);
        journal.forEach(balances);
        return balances.digest();
    }

    private static FixtureRecord record(FixtureRecord after, Topics.Topic topic, String source,
                                        io.tollgate.contracts.WireEvent event) {
        return new FixtureRecord(after.row(), topic.name(), after.key(), after.timestamp(),
                Envelope.of(UUID.randomUUID().toString(), source, event));
    }
}
