package io.tollgate.regulator.command;

import static io.tollgate.regulator.command.ApplicationTest.onlyEvent;
import static io.tollgate.regulator.testdata.Mother.AUTHORIZATION;
import static io.tollgate.regulator.testdata.Mother.GOOD_SCENARIO;
import static io.tollgate.regulator.testdata.Mother.NOW;
import static io.tollgate.regulator.testdata.Mother.ORDER;
import static io.tollgate.regulator.testdata.Mother.QUARTER;
import static io.tollgate.regulator.testdata.Mother.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.DecideApplicationCommand;
import io.tollgate.regulator.api.DecideAwaitingUsVolumeCommand;
import io.tollgate.regulator.api.DecideByOfficerCommand;
import io.tollgate.regulator.api.ExpireUsVolumeWaitCommand;
import io.tollgate.regulator.api.OfficerDecision;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsVolumeAwaitedEvent;
import io.tollgate.regulator.api.WithdrawApplicationCommand;
import io.tollgate.regulator.api.Withdrawal;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.UsVolumeStanding;
import io.tollgate.regulator.testdata.Mother;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The application's transitions through the US-volume cap: wait, decided again, expired, withdrawn. */
class ApplicationUsVolumeTest {

    private static final String H200 = "H200-SXM-141GB";
    private static final String OFFICER = "compliance-officer";
    private static final PolicyHistory SHIPPED = Mother.shippedHistory();
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));

    private FixtureConfiguration<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    @Test
    void aGrantThatDoesNotFitWaitsWithTheFigures() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(decide(us(19, 0, 0)))
                .expectResultMessagePayload(Outcome.AWAITING_US_VOLUME)
                .expectEventsMatching(onlyEvent(UsVolumeAwaitedEvent.class, e -> {
                    assertThat(e.productClass()).isEqualTo("H200");
                    assertThat(e.period()).isEqualTo(QUARTER);
                    assertThat(e.allowedUnits()).isEqualTo(9);
                    assertThat(e.policyClause()).isEqualTo("us-volume-50-percent");
                    assertThat(e.usExport().verdict()).isEqualTo(TrackOutcome.Verdict.PENDING);
                    assertThat(e.usExport().code()).isEqualTo(ReasonCode.US_VOLUME_CAP_EXCEEDED.name());
                    assertThat(e.usExport().text()).contains("10 units of H200", "19 units reported", "9 may be");
                    assertThat(e.officer()).isNull();
                    assertThat(e.expiresAt()).isEqualTo(EXPIRES);
                }));
    }

    @Test
    void aGrantThatFitsIsCountedAgainstItsClassAndPeriod() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(decide(us(20, 0, 0)))
                .expectResultMessagePayload(Outcome.GRANT)
                .expectEventsMatching(onlyEvent(ApplicationGrantedEvent.class, e -> {
                    assertThat(e.usVolumeId()).isEqualTo(QUARTER + "/H200");
                    assertThat(e.usVolumeRatio()).isEqualTo("0.50");
                }));
    }

    @Test
    void unitsWaitingAheadCountAsTaken() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(decide(us(100, 30, 11)))
                .expectResultMessagePayload(Outcome.AWAITING_US_VOLUME);
    }

    @Test
    void anOfficersGrantThatDoesNotFitWaitsAsThatOfficersGrant() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested()))
                .when(new DecideByOfficerCommand(ORDER, OfficerDecision.GRANT, "Plan verified", OFFICER, SHIPPED,
                        Mother.designated(), AUTHORIZATION, NOW, us(9999, 0, 0)))
                .expectResultMessagePayload(Outcome.AWAITING_US_VOLUME)
                .expectEventsMatching(onlyEvent(UsVolumeAwaitedEvent.class, e -> {
                    assertThat(e.officer()).isEqualTo(OFFICER);
                    assertThat(e.note()).isEqualTo("Plan verified");
                }));
    }

    @Test
    void aWaitingApplicationStillShortRecordsNothingMore() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), awaited(null, null)))
                .when(decideAgain(us(19, 0, 0), Mother.designated()))
                .expectNoEvents()
                .expectResultMessagePayload(Outcome.AWAITING_US_VOLUME);
    }

    @Test
    void aWaitingApplicationIsGrantedOnceReportsMakeRoom() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), awaited(null, null)))
                .when(decideAgain(us(20, 0, 0), Mother.designated()))
                .expectResultMessagePayload(Outcome.GRANT)
                .expectEventsMatching(onlyEvent(ApplicationGrantedEvent.class, e -> {
                    assertThat(e.decidedBy()).isEqualTo(Application.POLICY);
                    assertThat(e.usVolumeId()).isEqualTo(QUARTER + "/H200");
                }));
    }

    @Test
    void aWaitingOfficersGrantIsGrantedAsTheOfficersAboveTheReviewThreshold() {
        fixture.given(Mother.documented(received(H200, 5000, GOOD_SCENARIO), reviewRequested(), awaited(OFFICER, "Plan verified")))
                .when(decideAgain(us(10_000, 0, 0), Mother.designated()))
                .expectEventsMatching(onlyEvent(ApplicationGrantedEvent.class, e -> {
                    assertThat(e.decidedBy()).isEqualTo(OFFICER);
                    assertThat(e.note()).isEqualTo("Plan verified");
                }));
    }

    @Test
    void aCustomerRevokedWhileWaitingIsDeniedWhenDecidedAgain() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), awaited(null, null)))
                .when(decideAgain(us(1000, 0, 0), Mother.revoked()))
                .expectResultMessagePayload(Outcome.DENY)
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e ->
                        assertThat(e.reasons().get(0).code()).isEqualTo(ReasonCode.CUSTOMER_REVOKED)));
    }

    @Test
    void aWaitIsNotDeniedBeforeItExpires() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), awaited(null, null)))
                .when(new ExpireUsVolumeWaitCommand(ORDER, AUTHORIZATION, EXPIRES.minusNanos(1)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void anExpiredWaitIsDeniedWithItsOwnReasonAndTheCapsClause() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), awaited(null, null)))
                .when(new ExpireUsVolumeWaitCommand(ORDER, AUTHORIZATION, EXPIRES))
                .expectResultMessagePayload(true)
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                    assertThat(e.reasons()).singleElement().satisfies(r -> {
                        assertThat(r.code()).isEqualTo(ReasonCode.US_VOLUME_WAIT_EXPIRED);
                        assertThat(r.text()).contains("H200", QUARTER, "us-volume-50-percent");
                    });
                    assertThat(e.policyClause()).isEqualTo("us-volume-50-percent");
                    assertThat(e.policyVersion()).isEqualTo("2026-01-15.1");
                    assertThat(e.cnImport().verdict()).isEqualTo(TrackOutcome.Verdict.APPROVED);
                }));
    }

    @Test
    void aDecidedApplicationNeitherExpiresNorIsDecidedAgain() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), awaited(null, null), new ApplicationWithdrawnEvent(ORDER,
                        ApplicationStatus.AWAITING_US_VOLUME, "cancelled", NOW)))
                .when(new ExpireUsVolumeWaitCommand(ORDER, AUTHORIZATION, EXPIRES))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .when(decideAgain(us(1000, 0, 0), Mother.designated()))
                .expectNoEvents();
    }

    @Test
    void aWaitingApplicationIsWithdrawnWhenItsOrderIsCancelled() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO), awaited(null, null)))
                .when(new WithdrawApplicationCommand(ORDER, "no longer needed", NOW))
                .expectEvents(new ApplicationWithdrawnEvent(ORDER, ApplicationStatus.AWAITING_US_VOLUME,
                        "no longer needed", NOW))
                .expectResultMessagePayload(Withdrawal.WITHDRAWN);
    }

    private static UsVolumeStanding us(long usUnits, long authorized, long waitingAhead) {
        return new UsVolumeStanding("H200", QUARTER, usUnits, authorized, waitingAhead);
    }

    private static DecideApplicationCommand decide(UsVolumeStanding usVolume) {
        return new DecideApplicationCommand(ORDER, SHIPPED, Mother.designated(), AUTHORIZATION, NOW, usVolume);
    }

    private static DecideAwaitingUsVolumeCommand decideAgain(UsVolumeStanding usVolume, CustomerStanding standing) {
        return new DecideAwaitingUsVolumeCommand(ORDER, SHIPPED, standing, usVolume, AUTHORIZATION, NOW);
    }

    private static ReviewRequestedEvent reviewRequested() {
        return new ReviewRequestedEvent(ORDER,
                TrackOutcome.pending(Track.US_EXPORT, "QUANTITY_ABOVE_REVIEW_THRESHOLD", "review"),
                TrackOutcome.approved(Track.CN_IMPORT, "ok"), "2026-01-15.1", NOW);
    }

    private static UsVolumeAwaitedEvent awaited(String officer, String note) {
        return new UsVolumeAwaitedEvent(ORDER, "H200", QUARTER, 10, 0, 0, 0, 0, "0.50",
                TrackOutcome.pending(Track.US_EXPORT, ReasonCode.US_VOLUME_CAP_EXCEEDED.name(), "short"),
                TrackOutcome.approved(Track.CN_IMPORT, "Usage scenario accepted"), "2026-01-15.1",
                "us-volume-50-percent", officer, note, NOW, EXPIRES);
    }
}
