package io.tollgate.regulator.command;

import static io.tollgate.regulator.testdata.Mother.AUTHORIZATION;
import static io.tollgate.regulator.testdata.Mother.CUSTOMER;
import static io.tollgate.regulator.testdata.Mother.GOOD_SCENARIO;
import static io.tollgate.regulator.testdata.Mother.NOW;
import static io.tollgate.regulator.testdata.Mother.ORDER;
import static io.tollgate.regulator.testdata.Mother.QUARTER;
import static io.tollgate.regulator.testdata.Mother.REQUEST_EVENT;
import static io.tollgate.regulator.testdata.Mother.THIN_SCENARIO;
import static io.tollgate.regulator.testdata.Mother.receive;
import static io.tollgate.regulator.testdata.Mother.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.TransactionKind;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.DecideApplicationCommand;
import io.tollgate.regulator.api.DecideByOfficerCommand;
import io.tollgate.regulator.api.DuplicateOrderException;
import io.tollgate.regulator.api.GrantedUnitsReturnedEvent;
import io.tollgate.regulator.api.IllegalTransitionException;
import io.tollgate.regulator.api.OfficerDecision;
import io.tollgate.regulator.api.OfficerOverrideRefusedException;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReceiveApplicationCommand;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.SupplyUsageScenarioCommand;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioSuppliedEvent;
import io.tollgate.regulator.api.UsageScenarioUnacceptableException;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.regulator.api.WithdrawApplicationCommand;
import io.tollgate.regulator.api.Withdrawal;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.Clauses;
import io.tollgate.contracts.Eligibility;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given events → when command → then events, for every rule and transition of an application. */
class ApplicationTest {

    private static final String H200 = "H200-SXM-141GB";
    private static final String OFFICER = "compliance-officer";

    private FixtureConfiguration<Application> fixture;
    private final Policy v1 = Mother.policy2026();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    // --- receiving ---------------------------------------------------------------------------

    @Test
    void aRequestOpensAnApplicationInItsOrdersQuarter() {
        fixture.givenNoPriorActivity()
                .when(receive(H200, 10, GOOD_SCENARIO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(received(H200, 10, GOOD_SCENARIO));
    }

    @Test
    void aRedeliveredRequestChangesNothing() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(receive(H200, 10, GOOD_SCENARIO))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSecondDifferentRequestForTheSameOrderIsRefused() {
        ReceiveApplicationCommand other = new ReceiveApplicationCommand(ORDER,
                "9d7d3d0e-0000-4000-8000-000000000001", CUSTOMER, "Example AI Lab", H200, "H200", 10,
                GOOD_SCENARIO, Mother.REQUESTED_AT, NOW, "CN", TransactionKind.EXPORT, null, null);

        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(other)
                .expectException(DuplicateOrderException.class)
                .expectNoEvents();
    }

    // --- rules deciding ----------------------------------------------------------------------

    @Test
    void aLicensableProductForADesignatedCustomerWithAGoodScenarioIsGrantedByPolicy() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(decide(v1, Mother.designated()))
                .expectEvents(granted(v1, "policy", null))
                .expectResultMessagePayload(Outcome.GRANT);
    }

    @Test
    void aProhibitedProductIsDeniedOnTheUsTrack() {
        assertDenied("B200", Mother.designated(), ReasonCode.PRODUCT_PROHIBITED);
        assertDenied("GB300-NVL72", Mother.designated(), ReasonCode.PRODUCT_PROHIBITED);
        assertDenied("VR200", Mother.designated(), ReasonCode.PRODUCT_PROHIBITED);
    }

    @Test
    void anUnknownProductIsDenied() {
        assertDenied("A100-80GB", Mother.designated(), ReasonCode.PRODUCT_UNKNOWN);
    }

    @Test
    void aCustomerNotOnTheRegisterIsDenied() {
        assertDenied(H200, Mother.notDesignated(), ReasonCode.CUSTOMER_NOT_DESIGNATED);
    }

    @Test
    void aRevokedCustomerIsDenied() {
        assertDenied(H200, Mother.revoked(), ReasonCode.CUSTOMER_REVOKED);
    }

    @Test
    void anOrderThatWouldPassTheQuarterlyCapIsDenied() {
        assertDenied(H200, Mother.designatedWithCap(100, 95), ReasonCode.UNIT_CAP_EXCEEDED);
    }

    @Test
    void anOrderThatExactlyReachesTheCapIsGranted() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(decide(v1, Mother.designatedWithCap(100, 90)))
                .expectResultMessagePayload(Outcome.GRANT);
    }

    @Test
    void everyRefusalIsNamedNotOnlyTheFirst() {
        assertDenied("B300", Mother.revoked(), ReasonCode.PRODUCT_PROHIBITED, ReasonCode.CUSTOMER_REVOKED);
    }

    @Test
    void aMissingScenarioAsksTheBuyerForOne() {
        fixture.given(Mother.documented(received(H200, 10, null)))
                .when(decide(v1, Mother.designated()))
                .expectResultMessagePayload(Outcome.NEEDS_USAGE_SCENARIO)
                .expectEventsMatching(onlyEvent(UsageScenarioRequestedEvent.class, e -> {
                    assertThat(e.reason().code()).isEqualTo(ReasonCode.USAGE_SCENARIO_MISSING);
                    assertThat(e.reason().track()).isEqualTo(Track.CN_IMPORT);
                    assertThat(e.policyVersion()).isEqualTo(v1.version());
                }));
    }

    @Test
    void aThinScenarioAsksTheBuyerForABetterOne() {
        fixture.given(Mother.documented(received(H200, 10, THIN_SCENARIO)))
                .when(decide(v1, Mother.designated()))
                .expectEventsMatching(onlyEvent(UsageScenarioRequestedEvent.class, e ->
                        assertThat(e.reason().code()).isEqualTo(ReasonCode.USAGE_SCENARIO_UNACCEPTABLE)));
    }

    @Test
    void aQuantityAboveTheThresholdGoesToReview() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO)))
                .when(decide(v1, Mother.designated()))
                .expectResultMessagePayload(Outcome.NEEDS_REVIEW)
                .expectEventsMatching(onlyEvent(ReviewRequestedEvent.class, e -> {
                    assertThat(e.usExport().verdict()).isEqualTo(TrackOutcome.Verdict.PENDING);
                    assertThat(e.usExport().code()).isEqualTo("QUANTITY_ABOVE_REVIEW_THRESHOLD");
                    assertThat(e.policyVersion()).isEqualTo(v1.version());
                }));
    }

    @Test
    void aDecisionRecordsThePolicyVersionThatMadeIt() {
        Policy v2 = Mother.policyV2ProhibitingH200();

        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(decide(v2, Mother.designated()))
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                    assertThat(e.policyVersion()).isEqualTo("v2");
                    assertThat(codes(e.reasons())).containsExactly(ReasonCode.PRODUCT_PROHIBITED);
                }));
    }

    @Test
    void decidingADecidedApplicationAgainChangesNothing() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), granted(v1, "policy", null)))
                .when(decide(Mother.policyV2ProhibitingH200(), Mother.revoked()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- usage scenario ----------------------------------------------------------------------

    @Test
    void aGoodScenarioSuppliedLaterLeadsToAGrant() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(supply(GOOD_SCENARIO, Mother.designated()))
                .expectResultMessagePayload(Outcome.GRANT)
                .expectEvents(new UsageScenarioSuppliedEvent(ORDER, GOOD_SCENARIO, NOW),
                        granted(v1, "policy", null));
    }

    @Test
    void aSuppliedScenarioForALargeOrderThenGoesToReview() {
        fixture.given(Mother.documented(received(H200, 5000, null), scenarioRequested()))
                .when(supply(GOOD_SCENARIO, Mother.designated()))
                .expectResultMessagePayload(Outcome.NEEDS_REVIEW);
    }

    @Test
    void aThinSuppliedScenarioIsRefusedAndNothingIsStored() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(supply(THIN_SCENARIO, Mother.designated()))
                .expectException(UsageScenarioUnacceptableException.class)
                .expectNoEvents();
    }

    @Test
    void aBuyerClaimingTheUniversityExemptionWaitsForAnOfficerNotForMoreDetail() {
        PolicyHistory shipped = Mother.shippedHistory();
        fixture.given(Mother.documented(received(H200, 10, THIN_SCENARIO), scenarioRequested()))
                .when(new SupplyUsageScenarioCommand(ORDER, "Tsinghua University, department of physics",
                        "UNIVERSITY_RESEARCH", shipped, Mother.designated(), AUTHORIZATION, NOW))
                .expectResultMessagePayload(Outcome.NEEDS_REVIEW)
                .expectEvents(new UsageScenarioSuppliedEvent(ORDER, "Tsinghua University, department of physics", NOW,
                                "UNIVERSITY_RESEARCH"),
                        new ReviewRequestedEvent(ORDER, TrackOutcome.approved(Track.US_EXPORT,
                                "Licensable product for a designated customer under policy 2026-01-15.1 clause"
                                        + " case-by-case-h200-class"),
                                TrackOutcome.pending(Track.CN_IMPORT, "NECESSITY_EXEMPTION_CLAIMED", "The buyer claims"
                                        + " the UNIVERSITY_RESEARCH exemption (clause university-rd-exemption); a"
                                        + " compliance officer verifies the institution"),
                                "2026-01-15.1", NOW, "university-rd-exemption"));
    }

    @Test
    void anOfficerGrantsAClaimedExemptionUnderItsProductClause() {
        fixture.given(Mother.documented(received(H200, 10, THIN_SCENARIO), scenarioRequested(),
                        new UsageScenarioSuppliedEvent(ORDER, "Tsinghua University", NOW, "UNIVERSITY_RESEARCH"),
                        reviewRequested()))
                .when(officer(OfficerDecision.GRANT, Mother.policy2026(), Mother.designated()))
                .expectEventsMatching(onlyEvent(ApplicationGrantedEvent.class, e -> {
                    assertThat(e.policyClause()).isEqualTo("case-by-case-h200-class");
                    assertThat(e.decidedBy()).isEqualTo(OFFICER);
                }));
    }

    @Test
    void aCategoryTheVersionDoesNotHaveIsRefusedAndNothingIsStored() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(new SupplyUsageScenarioCommand(ORDER, GOOD_SCENARIO, "MILITARY", Mother.shippedHistory(),
                        Mother.designated(), AUTHORIZATION, NOW))
                .expectException(UsageScenarioUnacceptableException.class)
                .expectNoEvents();
    }

    @Test
    void aScenarioCannotBeSuppliedUnlessOneWasRequested() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), granted(v1, "policy", null)))
                .when(supply(GOOD_SCENARIO, Mother.designated()))
                .expectException(IllegalTransitionException.class);
    }

    @Test
    void aThinScenarioFromTheErpIsNotTakenTheApplicationAsksAgainSayingWhy() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(fromErp(THIN_SCENARIO, Mother.designated()))
                .expectResultMessagePayload(Outcome.NEEDS_USAGE_SCENARIO)
                .expectEventsMatching(onlyEvent(UsageScenarioRequestedEvent.class, e -> {
                    assertThat(e.reason().code()).isEqualTo(ReasonCode.USAGE_SCENARIO_UNACCEPTABLE);
                    assertThat(e.reason().text()).contains("too thin");
                    assertThat(e.cnImport().verdict()).isEqualTo(TrackOutcome.Verdict.PENDING);
                    assertThat(e.policyVersion()).isEqualTo(v1.version());
                }));
    }

    @Test
    void aGoodScenarioFromTheErpIsTakenAndDecidedAtOnce() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(fromErp(GOOD_SCENARIO, Mother.designated()))
                .expectResultMessagePayload(Outcome.GRANT)
                .expectEventsMatching(payloads(UsageScenarioSuppliedEvent.class, ApplicationGrantedEvent.class));
    }

    @Test
    void aScenarioFromTheErpForAnApplicationInReviewIsRefused() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), reviewRequested()))
                .when(fromErp(GOOD_SCENARIO, Mother.designated()))
                .expectException(IllegalTransitionException.class)
                .expectNoEvents();
    }

    @Test
    void aCustomerRevokedWhileWaitingForAScenarioIsDeniedWhenItArrives() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(supply(GOOD_SCENARIO, Mother.revoked()))
                .expectResultMessagePayload(Outcome.DENY);
    }

    // --- officer review ----------------------------------------------------------------------

    @Test
    void anOfficerGrantsAReviewedApplication() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(officer(OfficerDecision.GRANT, v1, Mother.designated()))
                .expectResultMessagePayload(Outcome.GRANT)
                .expectEventsMatching(onlyEvent(ApplicationGrantedEvent.class, e -> {
                    assertThat(e.decidedBy()).isEqualTo(OFFICER);
                    assertThat(e.note()).isEqualTo("Volume matches the lab's published plan");
                    assertThat(e.quantity()).isEqualTo(5000);
                    assertThat(e.revenueShareRate()).isEqualTo("0.25");
                }));
    }

    @Test
    void anOfficerDeniesAReviewedApplicationWithTheOfficerReason() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(officer(OfficerDecision.DENY, v1, Mother.designated()))
                .expectResultMessagePayload(Outcome.DENY)
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                    assertThat(codes(e.reasons())).containsExactly(ReasonCode.OFFICER_DENIED);
                    assertThat(e.decidedBy()).isEqualTo(OFFICER);
                    assertThat(e.authorizationId()).isEqualTo(AUTHORIZATION);
                }));
    }

    @Test
    void anOfficerGrantCannotOverrideAProhibitedProduct() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(officer(OfficerDecision.GRANT, Mother.policyV2ProhibitingH200(), Mother.designated()))
                .expectException(OfficerOverrideRefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("prohibited"))
                .expectNoEvents();
    }

    @Test
    void anOfficerGrantCannotOverrideARevokedCustomer() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(officer(OfficerDecision.GRANT, v1, Mother.revoked()))
                .expectException(OfficerOverrideRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void anOfficerCanDenyEvenWhenTheRulesWouldRefuseAnyway() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(officer(OfficerDecision.DENY, v1, Mother.revoked()))
                .expectResultMessagePayload(Outcome.DENY);
    }

    @Test
    void anOfficerDecidesOnlyFromPendingReview() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(officer(OfficerDecision.GRANT, v1, Mother.designated()))
                .expectException(IllegalTransitionException.class)
                .expectNoEvents();
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), granted(v1, "policy", null)))
                .when(officer(OfficerDecision.DENY, v1, Mother.designated()))
                .expectException(IllegalTransitionException.class);
    }

    // --- policy versions: the one in force when the order was requested decides ---------------

    /** The effective instant of the shipped 15 January 2026 version: 00:00 in Washington. */
    private static final Instant RULE_EFFECTIVE = Instant.parse("2026-01-15T05:00:00Z");

    @Test
    void anOrderRequestedJustBeforeTheRuleIsDeniedUnderThePresumptionOfDenial() {
        for (Instant requestedAt : List.of(RULE_EFFECTIVE.minusNanos(1), Instant.parse("2026-01-14T12:00:00Z"))) {
            fixture.given(Mother.documented(Mother.receivedAt(requestedAt, H200, 10, GOOD_SCENARIO)))
                    .when(decide(Mother.shippedHistory(), Mother.designated()))
                    .expectResultMessagePayload(Outcome.DENY)
                    .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                        assertThat(e.policyVersion()).isEqualTo("baseline.1");
                        assertThat(e.policyClause()).isEqualTo("presumption-of-denial");
                        assertThat(codes(e.reasons())).containsExactly(ReasonCode.PRODUCT_PROHIBITED);
                    }));
        }
    }

    @Test
    void anOrderRequestedExactlyAtTheEffectiveInstantOrLaterIsDecidedCaseByCase() {
        Policy rule = Mother.policy2026();
        for (Instant requestedAt : List.of(RULE_EFFECTIVE, Instant.parse("2026-01-16T00:00:00Z"))) {
            fixture.given(Mother.documented(Mother.receivedAt(requestedAt, H200, 10, GOOD_SCENARIO)))
                    .when(decideAt(Mother.shippedHistory(), Mother.designated(), H200, requestedAt))
                    .expectResultMessagePayload(Outcome.GRANT)
                    .expectEvents(granted(rule, "2026-Q1", "policy", null));
        }
    }

    @Test
    void theShippedHistoryDecidesTheAmdPartsLikeTheNvidiaOnes() {
        assertDeniedUnder(Mother.shippedHistory(), RULE_EFFECTIVE.minusSeconds(1), "MI325X", Mother.designated(),
                "baseline.1", "presumption-of-denial");
        fixture.given(Mother.documented(Mother.receivedAt(RULE_EFFECTIVE, "MI325X", 10, GOOD_SCENARIO)))
                .when(decideAt(Mother.shippedHistory(), Mother.designated(), "MI325X", RULE_EFFECTIVE))
                .expectResultMessagePayload(Outcome.GRANT);
    }

    @Test
    void adoptingALaterVersionDoesNotChangeADecisionAlreadyMade() {
        Policy v2 = Mother.policy2026As("v2", Instant.parse("2026-01-15T05:00:00Z"));
        PolicyHistory withV2 = Mother.historyOf(Mother.baseline(), Mother.policy2026(),
                Mother.policyV2ProhibitingH200());
        fixture.given(Mother.documented(Mother.receivedAt(RULE_EFFECTIVE, H200, 10, GOOD_SCENARIO),
                        granted(Mother.policy2026(), "2026-Q1", "policy", null)))
                .when(decide(withV2, Mother.revoked()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(v2.version()).isEqualTo("v2");
    }

    @Test
    void aLaterVersionDecidesOnlyOrdersRequestedFromItsEffectiveInstant() {
        Instant v2From = Instant.parse("2026-03-01T00:00:00Z");
        Policy v2 = prohibitingFrom(v2From);
        PolicyHistory history = Mother.historyOf(Mother.baseline(), Mother.policy2026(), v2);
        fixture.given(Mother.documented(Mother.receivedAt(v2From.minusNanos(1), H200, 10, GOOD_SCENARIO)))
                .when(decideAt(history, Mother.designated(), H200, v2From.minusNanos(1)))
                .expectEvents(granted(Mother.policy2026(), "2026-Q1", "policy", null));
        assertDeniedUnder(history, v2From, H200, Mother.designated(), "v2", "v2-refused");
    }

    @Test
    void anOfficerDecidesUnderTheVersionInForceWhenTheOrderWasRequested() {
        Instant v2From = Instant.parse("2026-03-01T00:00:00Z");
        PolicyHistory history = Mother.historyOf(Mother.baseline(), Mother.policy2026(), prohibitingFrom(v2From));
        fixture.given(Mother.documented(Mother.receivedAt(Instant.parse("2026-02-01T00:00:00Z"), H200, 5000, GOOD_SCENARIO),
                        reviewRequested()))
                .when(new DecideByOfficerCommand(ORDER, OfficerDecision.GRANT, "Volume verified", OFFICER, history,
                        Mother.designated(), AUTHORIZATION, NOW,
                        Mother.ampleUsVolume(H200, Instant.parse("2026-02-01T00:00:00Z"))))
                .expectEventsMatching(onlyEvent(ApplicationGrantedEvent.class, e -> {
                    assertThat(e.policyVersion()).isEqualTo("2026-01-15.1");
                    assertThat(e.policyClause()).isEqualTo("case-by-case-h200-class");
                    assertThat(e.decidedBy()).isEqualTo(OFFICER);
                }));
    }

    @Test
    void everyDecisionNamesTheClauseThatDecidedIt() {
        PolicyHistory shipped = Mother.shippedHistory();
        Instant at = Mother.REQUESTED_AT;
        assertDeniedUnder(shipped, at, "A100-80GB", Mother.designated(), "2026-01-15.1", Clauses.PRODUCT_CATALOGUE);
        assertDeniedUnder(shipped, at, "H20", Mother.designated(), "2026-01-15.1", "not-us-available");
        assertDeniedUnder(shipped, at, "GB200-NVL72", Mother.designated(), "2026-01-15.1", "above-h200-class");
        assertDeniedUnder(shipped, at, H200, Mother.notDesignated(), "2026-01-15.1", Clauses.DESIGNATED_REGISTER);
        assertDeniedUnder(shipped, at, H200, Mother.designatedWithCap(10, 5), "2026-01-15.1", Clauses.UNIT_CAP);
        fixture.given(Mother.documented(received(H200, 10, null)))
                .when(decide(shipped, Mother.designated()))
                .expectEventsMatching(onlyEvent(UsageScenarioRequestedEvent.class,
                        e -> assertThat(e.policyClause()).isEqualTo("commercial-need")));
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO)))
                .when(decide(shipped, Mother.designated()))
                .expectEventsMatching(onlyEvent(ReviewRequestedEvent.class,
                        e -> assertThat(e.policyClause()).isEqualTo(Clauses.REVIEW_THRESHOLD)));
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(officer(OfficerDecision.DENY, Mother.policy2026(), Mother.designated()))
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class,
                        e -> assertThat(e.policyClause()).isEqualTo(Clauses.OFFICER_REVIEW)));
    }

    private void assertDeniedUnder(PolicyHistory history, Instant requestedAt, String sku,
                                   CustomerStanding standing, String version, String clause) {
        fixture.given(Mother.documented(Mother.receivedAt(requestedAt, sku, 10, GOOD_SCENARIO)))
                .when(decide(history, standing))
                .expectResultMessagePayload(Outcome.DENY)
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                    assertThat(e.policyVersion()).isEqualTo(version);
                    assertThat(e.policyClause()).isEqualTo(clause);
                }));
    }

    /** "v2": the case-by-case products refused, for orders requested from {@code from}. */
    private static Policy prohibitingFrom(Instant from) {
        Policy v2 = Mother.policyV2ProhibitingH200();
        return new Policy(v2.version(), from, v2.productRules(), v2.revenueShareRate(), v2.payee(),
                v2.necessity(), v2.reviewThresholdQuantity(), v2.source());
    }

    // --- cancellation ------------------------------------------------------------------------

    @Test
    void cancellingAnUndecidedApplicationWithdrawsIt() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested()))
                .when(withdraw())
                .expectResultMessagePayload(Withdrawal.WITHDRAWN)
                .expectEvents(new ApplicationWithdrawnEvent(ORDER,
                        ApplicationStatus.USAGE_SCENARIO_REQUESTED, "customer changed plans", NOW));
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(withdraw())
                .expectResultMessagePayload(Withdrawal.WITHDRAWN);
    }

    @Test
    void cancellingAGrantedOrderGivesItsUnitsBackOnce() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), granted(v1, "policy", null)))
                .when(withdraw())
                .expectResultMessagePayload(Withdrawal.UNITS_RETURNED)
                .expectEvents(new GrantedUnitsReturnedEvent(ORDER, AUTHORIZATION, CUSTOMER, QUARTER, 10,
                        NOW));
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), granted(v1, "policy", null),
                        new GrantedUnitsReturnedEvent(ORDER, AUTHORIZATION, CUSTOMER, QUARTER, 10, NOW)))
                .when(withdraw())
                .expectResultMessagePayload(Withdrawal.NOTHING)
                .expectNoEvents();
    }

    @Test
    void cancellingADeniedOrWithdrawnApplicationDoesNothing() {
        fixture.given(Mother.documented(received("B200", 10, GOOD_SCENARIO), new ApplicationDeniedEvent(ORDER, AUTHORIZATION,
                        REQUEST_EVENT, List.of(prohibited()), TrackOutcome.refused(prohibited()), null, "v1",
                        "policy", NOW)))
                .when(withdraw())
                .expectResultMessagePayload(Withdrawal.NOTHING)
                .expectNoEvents();
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested(),
                        new ApplicationWithdrawnEvent(ORDER, ApplicationStatus.USAGE_SCENARIO_REQUESTED, "x", NOW)))
                .when(withdraw())
                .expectResultMessagePayload(Withdrawal.NOTHING)
                .expectNoEvents();
    }

    @Test
    void aWithdrawnApplicationCannotBeDecidedAnyMore() {
        fixture.given(Mother.documented(received(H200, 10, null), scenarioRequested(),
                        new ApplicationWithdrawnEvent(ORDER, ApplicationStatus.USAGE_SCENARIO_REQUESTED, "x", NOW)))
                .when(supply(GOOD_SCENARIO, Mother.designated()))
                .expectException(IllegalTransitionException.class);
    }

    // --- helpers -----------------------------------------------------------------------------

    private void assertDenied(String sku, CustomerStanding standing, ReasonCode... expected) {
        ResultValidator<Application> result = fixture.given(Mother.documented(received(sku, 10, GOOD_SCENARIO)))
                .when(decide(v1, standing))
                .expectResultMessagePayload(Outcome.DENY);
        result.expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
            assertThat(codes(e.reasons())).containsExactly(expected);
            assertThat(e.usExport().verdict()).isEqualTo(TrackOutcome.Verdict.REFUSED);
            assertThat(e.usExport().code()).isEqualTo(expected[0].name());
            assertThat(e.decidedBy()).isEqualTo("policy");
            assertThat(e.authorizationId()).isEqualTo(AUTHORIZATION);
            assertThat(e.requestEventId()).isEqualTo(REQUEST_EVENT);
            assertThat(e.reasons()).allSatisfy(r -> assertThat(r.text()).isNotBlank());
        }));
    }

    private static Reason prohibited() {
        return new Reason(Track.US_EXPORT, ReasonCode.PRODUCT_PROHIBITED, "prohibited");
    }

    private static DecideApplicationCommand decide(Policy policy, CustomerStanding standing) {
        return decide(Mother.historyOf(policy), standing);
    }

    private static DecideApplicationCommand decide(PolicyHistory policies, CustomerStanding standing) {
        return new DecideApplicationCommand(ORDER, policies, standing, AUTHORIZATION, NOW, Mother.ampleUsVolume());
    }

    /** A decision of an application of {@code sku} requested at {@code requestedAt}, with ample US volume. */
    private static DecideApplicationCommand decideAt(PolicyHistory policies, CustomerStanding standing, String sku,
                                                     Instant requestedAt) {
        return new DecideApplicationCommand(ORDER, policies, standing, AUTHORIZATION, NOW,
                Mother.ampleUsVolume(sku, requestedAt));
    }

    private static SupplyUsageScenarioCommand supply(String scenario, CustomerStanding standing) {
        return new SupplyUsageScenarioCommand(ORDER, scenario, null, Mother.historyOf(Mother.policy2026()), standing,
                AUTHORIZATION, NOW, false, Mother.ampleUsVolume());
    }

    /** The scenario as order-service's event brings it: an unacceptable one is asked for again. */
    private static SupplyUsageScenarioCommand fromErp(String scenario, CustomerStanding standing) {
        return new SupplyUsageScenarioCommand(ORDER, scenario, null, Mother.historyOf(Mother.policy2026()),
                standing, AUTHORIZATION, NOW, true, Mother.ampleUsVolume());
    }

    /** Exactly these payload types, in this order. */
    private static org.hamcrest.Matcher<List<EventMessage<?>>> payloads(Class<?>... types) {
        List<Class<?>> expected = List.of(types);
        return new org.hamcrest.CustomTypeSafeMatcher<List<EventMessage<?>>>("events of " + expected) {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.stream().map(EventMessage::getPayloadType).collect(Collectors.toList())
                        .equals(expected);
            }
        };
    }

    private static DecideByOfficerCommand officer(OfficerDecision decision, Policy policy,
                                                  CustomerStanding standing) {
        return new DecideByOfficerCommand(ORDER, decision, "Volume matches the lab's published plan", OFFICER,
                Mother.historyOf(policy), standing, AUTHORIZATION, NOW, Mother.ampleUsVolume());
    }

    private static WithdrawApplicationCommand withdraw() {
        return new WithdrawApplicationCommand(ORDER, "customer changed plans", NOW);
    }

    private static ApplicationGrantedEvent granted(Policy policy, String decidedBy, String note) {
        return granted(policy, QUARTER, decidedBy, note);
    }

    private static ApplicationGrantedEvent granted(Policy policy, String quarter, String decidedBy, String note) {
        String clause = policy.ruleFor(Eligibility.CASE_BY_CASE).clause();
        return new ApplicationGrantedEvent(ORDER, AUTHORIZATION, REQUEST_EVENT, CUSTOMER, quarter, 10,
                TrackOutcome.approved(Track.US_EXPORT, "Licensable product for a designated customer under policy "
                        + policy.version() + " clause " + clause),
                TrackOutcome.approved(Track.CN_IMPORT, "Usage scenario accepted"),
                policy.revenueShareRate(), policy.payee(), policy.version(), decidedBy, note, NOW, clause,
                policy.usVolumeCap() == null ? null : UsVolumeId.of("H200", quarter),
                policy.usVolumeCap() == null ? null : policy.usVolumeCap().ratio());
    }

    private static UsageScenarioRequestedEvent scenarioRequested() {
        Reason reason = new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_MISSING, "required");
        return new UsageScenarioRequestedEvent(ORDER, reason,
                TrackOutcome.approved(Track.US_EXPORT, "ok"),
                TrackOutcome.pending(Track.CN_IMPORT, reason.code().name(), reason.text()), "v1", NOW);
    }

    private static ReviewRequestedEvent reviewRequested() {
        return new ReviewRequestedEvent(ORDER,
                TrackOutcome.pending(Track.US_EXPORT, "QUANTITY_ABOVE_REVIEW_THRESHOLD", "review"),
                TrackOutcome.approved(Track.CN_IMPORT, "ok"), "v1", NOW);
    }

    private static List<ReasonCode> codes(List<Reason> reasons) {
        return reasons.stream().map(Reason::code).collect(Collectors.toList());
    }

    /** A matcher for "exactly one event, of this type, satisfying these assertions". */
    static <T> org.hamcrest.Matcher<List<EventMessage<?>>> onlyEvent(Class<T> type,
                                                                     java.util.function.Consumer<T> check) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            private AssertionError failure;

            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                try {
                    assertThat(events).hasSize(1);
                    assertThat(events.get(0).getPayload()).isInstanceOf(type);
                    check.accept(type.cast(events.get(0).getPayload()));
                    return true;
                } catch (AssertionError e) {
                    failure = e;
                    return false;
                }
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("one " + type.getSimpleName()
                        + (failure == null ? "" : " (" + failure.getMessage() + ")"));
            }
        };
    }
}
