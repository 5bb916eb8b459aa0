package io.tollgate.regulator.command;

import io.tollgate.regulator.api.ReleaseUsVolumeCommand;
import io.tollgate.regulator.api.ReportUsShipmentsCommand;
import io.tollgate.regulator.api.ReserveUsVolumeCommand;
import io.tollgate.regulator.api.UsShipmentReportIdReusedException;
import io.tollgate.regulator.api.UsShipmentsReportedEvent;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.regulator.api.UsVolumeReleasedEvent;
import io.tollgate.regulator.api.UsVolumeReservedEvent;
import io.tollgate.regulator.api.UsVolumeUnavailableException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given events → when command → then events, for one product class's US volume in one quarter. */
class UsVolumeTest {

    private static final String CLASS = "H200";
    private static final String PERIOD = "2026-Q2";
    private static final String ID = UsVolumeId.of(CLASS, PERIOD);
    private static final Instant AT = Instant.parse("2026-05-04T10:00:00Z");

    private FixtureConfiguration<UsVolume> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UsVolume.class);
    }

    @Test
    void aFirstReportOpensTheClassAndPeriod() {
        fixture.givenNoPriorActivity()
                .when(report("erp-1", 1000, "DN-7"))
                .expectEvents(reported("erp-1", 1000, "DN-7"))
                .expectResultMessagePayload(true);
    }

    @Test
    void theSameReportAgainRecordsNothing() {
        fixture.given(reported("erp-1", 1000, "DN-7"))
                .when(report("erp-1", 1000, "DN-7"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aReportIdReusedForOtherFiguresIsRefused() {
        fixture.given(reported("erp-1", 1000, "DN-7"))
                .when(report("erp-1", 1001, "DN-7"))
                .expectException(UsShipmentReportIdReusedException.class)
                .expectNoEvents();
        fixture.given(reported("erp-1", 1000, "DN-7"))
                .when(report("erp-1", 1000, null))
                .expectException(UsShipmentReportIdReusedException.class);
    }

    @Test
    void reportsAddUpAndAGrantExactlyAtTheRatioIsCounted() {
        fixture.given(reported("erp-1", 600, null), reported("erp-2", 400, null),
                        new UsVolumeReservedEvent(ID, CLASS, PERIOD, "order-a", 300, AT))
                .when(new ReserveUsVolumeCommand(ID, "order-b", 200, "0.50", AT))
                .expectEvents(new UsVolumeReservedEvent(ID, CLASS, PERIOD, "order-b", 200, AT));
    }

    @Test
    void aGrantOneUnitAboveTheRatioIsRefusedSoTheDecisionRollsBack() {
        fixture.given(reported("erp-1", 1000, null), new UsVolumeReservedEvent(ID, CLASS, PERIOD, "order-a", 300, AT))
                .when(new ReserveUsVolumeCommand(ID, "order-b", 201, "0.50", AT))
                .expectException(UsVolumeUnavailableException.class)
                .expectNoEvents();
    }

    @Test
    void anOddUnitReportedIsRoundedDown() {
        fixture.given(reported("erp-1", 3, null))
                .when(new ReserveUsVolumeCommand(ID, "order-a", 2, "0.50", AT))
                .expectException(UsVolumeUnavailableException.class);
    }

    @Test
    void aCancelledGrantGivesBackExactlyItsUnitsOnce() {
        fixture.given(reported("erp-1", 1000, null), new UsVolumeReservedEvent(ID, CLASS, PERIOD, "order-a", 500, AT))
                .when(new ReleaseUsVolumeCommand(ID, "order-a", AT))
                .expectEvents(new UsVolumeReleasedEvent(ID, CLASS, PERIOD, "order-a", 500, AT))
                .expectResultMessagePayload(true);
        fixture.given(reported("erp-1", 1000, null), new UsVolumeReservedEvent(ID, CLASS, PERIOD, "order-a", 500, AT),
                        new UsVolumeReleasedEvent(ID, CLASS, PERIOD, "order-a", 500, AT))
                .when(new ReserveUsVolumeCommand(ID, "order-b", 500, "0.50", AT))
                .expectEvents(new UsVolumeReservedEvent(ID, CLASS, PERIOD, "order-b", 500, AT));
    }

    @Test
    void anOrderNeverCountedHereHasNothingToGiveBack() {
        fixture.given(reported("erp-1", 1000, null))
                .when(new ReleaseUsVolumeCommand(ID, "order-z", AT))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    private static ReportUsShipmentsCommand report(String reportId, long units, String reference) {
        return new ReportUsShipmentsCommand(ID, CLASS, PERIOD, reportId, units, reference, AT);
    }

    private static UsShipmentsReportedEvent reported(String reportId, long units, String reference) {
        return new UsShipmentsReportedEvent(ID, CLASS, PERIOD, reportId, units, reference, AT);
    }
}
