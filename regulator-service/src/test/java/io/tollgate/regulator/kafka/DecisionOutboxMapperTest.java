package io.tollgate.regulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.SupplyPassedOverEvent;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioSuppliedEvent;
import java.time.Instant;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** Which of the application's events reach the wire, and what a wait says there. */
class DecisionOutboxMapperTest {

    private static final String ORDER = "order-1";
    private static final Instant AT = Instant.parse("2026-02-01T10:00:00.250Z");
    private final DecisionOutboxMapper mapper = new DecisionOutboxMapper();

    @Test
    void aRequestForAScenarioIsPublishedAsWaitingForOneWithTheRuleItMustMeet() {
        // given
        Reason reason = new Reason(Track.CN_IMPORT, ReasonCode.USAGE_SCENARIO_MISSING,
                "A usage scenario is required for the CN import application: at least 40 characters");
        UsageScenarioRequestedEvent event = new UsageScenarioRequestedEvent(ORDER, reason,
                TrackOutcome.approved(Track.US_EXPORT, "licensable"),
                TrackOutcome.pending(Track.CN_IMPORT, reason.code().name(), reason.text()), "2026-01-15.1", AT,
                "necessity-commercial");

        // when
        AuthorizationPendingV1 wire = (AuthorizationPendingV1) mapper.toWire(GenericEventMessage.asEventMessage(event))
                .orElseThrow();

        // then
        assertThat(wire).isEqualTo(new AuthorizationPendingV1(ORDER, AuthorizationPendingV1.USAGE_SCENARIO,
                TrackDecision.CN_IMPORT, "USAGE_SCENARIO_MISSING", reason.text(), "2026-01-15.1",
                "necessity-commercial", AT));
    }

    @Test
    void aReferralIsPublishedAsWaitingForAnOfficerNamingTheTrackThatWaits() {
        // given: the CN track waits (a claimed exemption), the US track is approved
        ReviewRequestedEvent event = new ReviewRequestedEvent(ORDER,
                TrackOutcome.approved(Track.US_EXPORT, "licensable"),
                TrackOutcome.pending(Track.CN_IMPORT, "NECESSITY_EXEMPTION_CLAIMED", "An officer verifies it"),
                "2026-01-15.1", AT, "university-rd-exemption");

        // when
        AuthorizationPendingV1 wire = (AuthorizationPendingV1) mapper.toWire(GenericEventMessage.asEventMessage(event))
                .orElseThrow();

        // then
        assertThat(wire.waitingFor()).isEqualTo(AuthorizationPendingV1.OFFICER_REVIEW);
        assertThat(wire.track()).isEqualTo(TrackDecision.CN_IMPORT);
        assertThat(wire.code()).isEqualTo("NECESSITY_EXEMPTION_CLAIMED");
        assertThat(wire.requirement()).isEqualTo("An officer verifies it");
        assertThat(wire.policyClause()).isEqualTo("university-rd-exemption");
    }

    @Test
    void aDocumentPassedOverIsPublishedNamingItsSupplyRecordItsKindAndTheStateThatMadeItLate() {
        // given
        String supplyEventId = "6f2d8a41-b3c7-4e95-9a0d-e7c1f5b3a286";
        SupplyPassedOverEvent event = new SupplyPassedOverEvent(ORDER, SupplyPassedOverV1.DOCUMENT, supplyEventId,
                DocumentKind.LAB_TEST_REPORT, ApplicationStatus.GRANTED, AT);

        // when
        SupplyPassedOverV1 wire = (SupplyPassedOverV1) mapper.toWire(GenericEventMessage.asEventMessage(event))
                .orElseThrow();

        // then
        assertThat(wire).isEqualTo(new SupplyPassedOverV1(ORDER, SupplyPassedOverV1.DOCUMENT, supplyEventId,
                DocumentKind.LAB_TEST_REPORT, "GRANTED", AT));
    }

    @Test
    void aScenarioPassedOverAfterAWithdrawalNamesNoDocumentKind() {
        // given
        String supplyEventId = "d0b4e7a1-9c36-4e85-a2f1-6b8c3d5e7f90";
        SupplyPassedOverEvent event = new SupplyPassedOverEvent(ORDER, SupplyPassedOverV1.USAGE_SCENARIO,
                supplyEventId, null, ApplicationStatus.WITHDRAWN, AT);

        // when
        SupplyPassedOverV1 wire = (SupplyPassedOverV1) mapper.toWire(GenericEventMessage.asEventMessage(event))
                .orElseThrow();

        // then
        assertThat(wire.supply()).isEqualTo(SupplyPassedOverV1.USAGE_SCENARIO);
        assertThat(wire.supplyEventId()).isEqualTo(supplyEventId);
        assertThat(wire.documentKind()).isNull();
        assertThat(wire.applicationState()).isEqualTo("WITHDRAWN");
        assertThat(wire.occurredAt()).isEqualTo(AT);
    }

    @Test
    void suppliedScenariosAndWithdrawalsStayInside() {
        assertThat(mapper.toWire(GenericEventMessage.asEventMessage(
                new UsageScenarioSuppliedEvent(ORDER, "text", AT)))).isEmpty();
        assertThat(mapper.toWire(GenericEventMessage.asEventMessage(
                new ApplicationWithdrawnEvent(ORDER, ApplicationStatus.RECEIVED, "gone", AT)))).isEmpty();
    }
}
