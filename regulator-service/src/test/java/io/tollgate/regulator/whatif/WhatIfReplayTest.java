package io.tollgate.regulator.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.TransactionKind;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.regulator.api.DocumentSuppliedEvent;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.command.Application;
import io.tollgate.regulator.policy.ApplicationFacts;
import io.tollgate.regulator.policy.DocumentCheck;
import io.tollgate.regulator.policy.DocumentsOnFile;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyEvaluator;
import io.tollgate.regulator.policy.Verdict;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The what-if fold over a hand-written history: the standing of each decision is the register's at
 * that point of the history (not today's), officers' decisions are listed and not compared, and
 * range, limit and cursor select the applications.
 */
class WhatIfReplayTest {

    /**
     * The shipped 2026 version without its documents and US-volume cap: these histories are about the
     * register, the threshold and the scenario (documents have a test of their own below; the cap is
     * applied when a grant is recorded, not by the evaluator a what-if runs).
     */
    private static final Policy RECORDED = Mother.policy2026().withDocuments(null).withUsVolumeCap(null);
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String QUARTER = Quarter.of(T0);
    private static final Approval APPROVAL = new Approval("p-1", "officer-a", "officer-b");

    private final List<Object> history = new ArrayList<>();
    private String scenario = Mother.GOOD_SCENARIO;

    @Test
    void theVersionThatDecidedAHistoryChangesNothingThoughTheCustomerIsRevokedAndItsCapUsedSince() {
        // given: granted under a cap of 100 (60 used after), then revoked, then denied as revoked
        designate("cust-a", 100L);
        received("o-1", "cust-a", 60, 0);
        granted("o-1", "cust-a", 60);
        reserved("cust-a", "o-1", 60);
        received("o-2", "cust-a", 40, 1);
        granted("o-2", "cust-a", 40);
        reserved("cust-a", "o-2", 40);
        history.add(new DesignationRevokedEvent("cust-a", T0.plusSeconds(5), APPROVAL));
        received("o-3", "cust-a", 10, 6);
        denied("o-3", ReasonCode.CUSTOMER_REVOKED, "designated-register", Application.POLICY);

        // when
        WhatIfReport report = replay(RECORDED, null, null, 0, 10);

        // then
        assertThat(report.totals()).isEqualTo(new WhatIfTotals(3, 3, 3, 3, 0, new NotComparable(0, 0)));
        assertThat(report.changes()).isEmpty();
        assertThat(report.nextCursor()).isNull();
        assertThat(report.eventsRead()).isEqualTo(history.size());
    }

    @Test
    void aDraftWithALowerThresholdRefersTheLargerGrantAndListsTheOfficersDecisionBesideIt() {
        // given
        designate("cust-a", null);
        received("o-1", "cust-a", 60, 0);
        granted("o-1", "cust-a", 60);
        received("o-2", "cust-a", 10, 1);
        granted("o-2", "cust-a", 10);
        received("o-3", "cust-a", 30, 2);
        denied("o-3", ReasonCode.OFFICER_DENIED, "officer-review", "officer-a");
        Policy draft = withThreshold(RECORDED, 50);

        // when
        WhatIfReport report = replay(draft, null, null, 0, 10);

        // then
        assertThat(report.totals()).isEqualTo(new WhatIfTotals(3, 3, 2, 1, 1, new NotComparable(1, 0)));
        ChangedDecision change = report.changes().get(0);
        assertThat(change.orderId()).isEqualTo("o-1");
        assertThat(change.change()).isEqualTo(ChangeKind.OUTCOME);
        assertThat(change.recorded().outcome()).isEqualTo(Outcome.GRANT);
        assertThat(change.draft().outcome()).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(change.draft().reasonCodes()).containsExactly("QUANTITY_ABOVE_REVIEW_THRESHOLD");
        assertThat(change.draft().reasonTexts().get(0)).contains("review threshold of 50");
        OfficerDecisionReview officer = report.officerDecisions().get(0);
        assertThat(officer.recorded().decidedBy()).isEqualTo("officer-a");
        assertThat(officer.draftRules().outcome()).isEqualTo(Outcome.GRANT);
        assertThat(officer.draftOfficerGrant()).isNull();
    }

    @Test
    void documentsSuppliedAfterAWaitAreJudgedAtEachDecisionAsTheApplicationJudgedThem() {
        // given: under the shipped version (documents required) the application waited for both,
        // they were supplied, and it was granted
        Policy shipped = Mother.policy2026();
        designate("cust-a", null);
        received("o-1", "cust-a", 10, 0);
        Verdict waited = PolicyEvaluator.evaluate(shipped, new ApplicationFacts("H200-SXM-141GB", 10, scenario, null,
                "CN", TransactionKind.EXPORT, null, null, new DocumentsOnFile(List.of(), T0)), Mother.designated(),
                PolicyEvaluator.Mode.RULES);
        history.add(new DocumentsRequestedEvent("o-1", DocumentCheck.missing(shipped.documentRules(),
                new DocumentsOnFile(List.of(), T0)), waited.usExport(), shipped.version(), waited.clause(), T0));
        history.add(new DocumentSuppliedEvent("o-1", document(DocumentKind.BUYER_KYC_ATTESTATION), T0));
        history.add(new DocumentSuppliedEvent("o-1", document(DocumentKind.LAB_TEST_REPORT), T0));
        granted("o-1", "cust-a", 10);

        // when: the same version
        WhatIfReport same = replay(shipped, null, null, 0, 10);
        // when: a draft that requires no documents
        WhatIfReport none = replay(shipped.withDocuments(null), null, null, 0, 10);

        // then: the wait and the grant are what the version decides with the documents on file then
        assertThat(waited.outcome()).isEqualTo(Outcome.NEEDS_DOCUMENTS);
        assertThat(same.totals()).isEqualTo(new WhatIfTotals(1, 2, 2, 2, 0, new NotComparable(0, 0)));
        // and without the requirement the order would not have waited for them
        assertThat(none.changes()).extracting(c -> c.recorded().outcome() + "->" + c.draft().outcome())
                .containsExactly("NEEDS_DOCUMENTS->GRANT");
    }

    private static SuppliedDocument document(DocumentKind kind) {
        return new SuppliedDocument(kind, "Issuer of " + kind, LocalDate.parse("2026-02-20"),
                LocalDate.parse("2026-12-31"), "REF-" + kind, "ab".repeat(32));
    }

    @Test
    void aScenarioRefusedWithoutBeingKeptIsNotComparable() {
        // given: asked for a scenario, then asked again about one the ERP sent (not stored)
        scenario = Mother.THIN_SCENARIO;
        designate("cust-a", null);
        received("o-1", "cust-a", 10, 0);
        scenarioRequested("o-1");
        scenarioRequested("o-1");

        // when
        WhatIfReport report = replay(RECORDED, null, null, 0, 10);

        // then
        assertThat(report.totals()).isEqualTo(new WhatIfTotals(1, 2, 1, 1, 0, new NotComparable(0, 1)));
    }

    @Test
    void theRangeTheLimitAndTheCursorSelectTheApplications() {
        // given: five applications requested a minute apart (positions 2, 4, 6, 8, 10)
        designate("cust-a", null);
        for (int i = 0; i < 5; i++) {
            received("o-" + i, "cust-a", 1, i * 60);
            granted("o-" + i, "cust-a", 1);
        }
        Instant from = T0.plusSeconds(60);
        Instant to = T0.plusSeconds(240);

        // when: minutes 1 to 3, two at a time
        WhatIfReport first = replay(RECORDED, from, to, 0, 2);
        WhatIfReport second = replay(RECORDED, from, to, PageCursor.decode(first.nextCursor()), 2);

        // then
        assertThat(first.totals().applications()).isEqualTo(2);
        assertThat(first.nextCursor()).isEqualTo(PageCursor.encode(6));
        assertThat(second.totals().applications()).isEqualTo(1);
        assertThat(second.nextCursor()).isNull();
    }

    // --- helpers -------------------------------------------------------------------------------

    private WhatIfReport replay(Policy draft, Instant from, Instant to, long after, int max) {
        WhatIfReplay replay = new WhatIfReplay(draft, from, to, after, max);
        long position = 0;
        for (Object event : history) {
            position++;
            replay.read();
            if (replay.wants(event.getClass(), orderIdOf(event))) {
                replay.accept(position, event);
            }
        }
        return replay.report();
    }

    private static String orderIdOf(Object event) {
        if (event instanceof ApplicationGrantedEvent) {
            return ((ApplicationGrantedEvent) event).orderId();
        }
        if (event instanceof ApplicationDeniedEvent) {
            return ((ApplicationDeniedEvent) event).orderId();
        }
        if (event instanceof UsageScenarioRequestedEvent) {
            return ((UsageScenarioRequestedEvent) event).orderId();
        }
        if (event instanceof DocumentsRequestedEvent) {
            return ((DocumentsRequestedEvent) event).orderId();
        }
        if (event instanceof DocumentSuppliedEvent) {
            return ((DocumentSuppliedEvent) event).orderId();
        }
        return null;
    }

    private static Policy withThreshold(Policy p, long threshold) {
        return new Policy("draft-threshold", p.effectiveFrom(), p.productRules(), p.revenueShareRate(), p.payee(),
                p.necessity(), threshold, p.source(), p.destinations());
    }

    private void designate(String customer, Long cap) {
        history.add(new CustomerDesignatedEvent(customer, "Example AI Lab", "CN", cap, T0.minusSeconds(60), APPROVAL));
    }

    private void received(String orderId, String customer, long quantity, long secondsAfterT0) {
        Instant at = T0.plusSeconds(secondsAfterT0);
        history.add(new ApplicationReceivedEvent(orderId, "req-" + orderId, customer, "Example AI Lab",
                "H200-SXM-141GB", "hopper", quantity, scenario, QUARTER, at, at, "CN",
                TransactionKind.EXPORT, null, null));
    }

    private void granted(String orderId, String customer, long quantity) {
        history.add(new ApplicationGrantedEvent(orderId, "auth-" + orderId, "req-" + orderId, customer, QUARTER,
                quantity, TrackOutcome.approved(Track.US_EXPORT, "licensable"),
                TrackOutcome.approved(Track.CN_IMPORT, "Usage scenario accepted"), "0.25", "US-TREASURY",
                RECORDED.version(), Application.POLICY, null, T0, "case-by-case-h200-class"));
    }

    private void reserved(String customer, String orderId, long units) {
        history.add(new UnitsReservedEvent(customer, orderId, QUARTER, units, T0));
    }

    private void denied(String orderId, ReasonCode code, String clause, String decidedBy) {
        Reason reason = new Reason(Track.US_EXPORT, code, "denied: " + code);
        history.add(new ApplicationDeniedEvent(orderId, "auth-" + orderId, "req-" + orderId, List.of(reason),
                TrackOutcome.refused(reason), null, RECORDED.version(), decidedBy, T0, clause));
    }

    private void scenarioRequested(String orderId) {
        Reason reason = new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_UNACCEPTABLE, "too thin");
        history.add(new UsageScenarioRequestedEvent(orderId, reason, TrackOutcome.approved(Track.US_EXPORT, "ok"),
                TrackOutcome.pending(Track.CN_IMPORT, reason.code().name(), reason.text()), RECORDED.version(), T0,
                "commercial-need"));
    }
}
