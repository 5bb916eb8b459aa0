package io.tollgate.regulator.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tollgate.regulator.api.ReleaseUsVolumeCommand;
import io.tollgate.regulator.api.ReportUsShipmentsCommand;
import io.tollgate.regulator.api.ReserveUsVolumeCommand;
import io.tollgate.regulator.api.UsShipmentReportIdReusedException;
import io.tollgate.regulator.api.UsShipmentsReportedEvent;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.regulator.api.UsVolumeReleasedEvent;
import io.tollgate.regulator.api.UsVolumeReservedEvent;
import io.tollgate.regulator.api.UsVolumeUnavailableException;
import io.tollgate.regulator.policy.UsVolumeRule;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

/**
 * One product class's US volume in one calendar quarter: the units the exporter reported shipped
 * to US end-use customers, and the units granted to the capped destinations. Every grant of the
 * class and period reserves its units here, so two concurrent grants serialise on this stream (the
 * event store's unique (aggregate, sequence) key) and can never both take the last room.
 *
 * <p>Snapshotted like a customer's Designation (one event per grant and per report).
 */
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class UsVolume {

    /** Bound on the units of one report, as on every quantity the regulator takes in. */
    public static final long REPORT_UNITS_MAX = 1_000_000_000L;
    /** Bound on the reports of one class and period: each is kept to recognise a repeat. */
    public static final int REPORTS_MAX = 10_000;

    @AggregateIdentifier
    private String volumeId;
    private String productClass;
    private String period;
    private long usUnits;
    private long authorizedUnits;
    /** Each report's figures by report id, to answer a repeat and refuse a reused id. */
    private final Map<String, Reported> reports = new HashMap<>();
    /** Units counted per granted order, to give back exactly those on cancellation. */
    private final Map<String, Long> reservations = new HashMap<>();

    /** The figures of one report, as compared with a repeat. */
    record Reported(long units, String reference) {
    }

    /** For Axon: rebuilt from events. */
    public UsVolume() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ReportUsShipmentsCommand command) {
        if (!UsVolumeId.of(command.productClass(), command.period()).equals(command.volumeId())) {
            throw new IllegalArgumentException("report of " + command.productClass() + " " + command.period()
                    + " sent to " + command.volumeId());
        }
        if (command.units() < 1 || command.units() > REPORT_UNITS_MAX) {
            throw new IllegalArgumentException("units must be in [1, " + REPORT_UNITS_MAX + "]");
        }
        Reported before = reports.get(command.reportId());
        Reported now = new Reported(command.units(), command.reference());
        if (before != null) {
            if (!before.equals(now)) {
                throw new UsShipmentReportIdReusedException("Report " + command.reportId() + " was recorded with "
                        + before.units() + " units (reference " + before.reference() + "), not " + now.units()
                        + " (reference " + now.reference() + "); a report id is never reused");
            }
            return false; // The same report again: recorded already.
        }
        if (reports.size() >= REPORTS_MAX) {
            throw new IllegalStateException("class " + command.productClass() + " holds " + REPORTS_MAX
                    + " reports in " + command.period() + " already");
        }
        apply(new UsShipmentsReportedEvent(command.volumeId(), command.productClass(), command.period(),
                command.reportId(), command.units(), command.reference(), command.reportedAt()));
        return true;
    }

    @CommandHandler
    public void handle(ReserveUsVolumeCommand command) {
        if (command.units() <= 0) {
            throw new IllegalArgumentException("units must be positive");
        }
        if (reservations.containsKey(command.orderId())) {
            throw new IllegalStateException("order " + command.orderId() + " is counted in " + volumeId + " already");
        }
        long allowed = UsVolumeRule.allowedUnits(command.ratio(), usUnits);
        if (authorizedUnits + command.units() > allowed) {
            throw new UsVolumeUnavailableException("Order " + command.orderId() + " would bring " + productClass
                    + " in " + period + " to " + (authorizedUnits + command.units()) + " units authorized, above "
                    + allowed + " (" + command.ratio() + " of " + usUnits + " US units)");
        }
        apply(new UsVolumeReservedEvent(volumeId, productClass, period, command.orderId(), command.units(),
                command.at()));
    }

    @CommandHandler
    public boolean handle(ReleaseUsVolumeCommand command) {
        Long units = reservations.get(command.orderId());
        if (units == null) {
            return false; // Never counted here (granted before the cap, or outside it).
        }
        apply(new UsVolumeReleasedEvent(volumeId, productClass, period, command.orderId(), units, command.at()));
        return true;
    }

    @EventSourcingHandler
    void on(UsShipmentsReportedEvent event) {
        volumeId = event.volumeId();
        productClass = event.productClass();
        period = event.period();
        usUnits += event.units();
        reports.put(event.reportId(), new Reported(event.units(), event.reference()));
    }

    @EventSourcingHandler
    void on(UsVolumeReservedEvent event) {
        authorizedUnits += event.units();
        reservations.put(event.orderId(), event.units());
    }

    @EventSourcingHandler
    void on(UsVolumeReleasedEvent event) {
        authorizedUnits -= event.units();
        reservations.remove(event.orderId());
        Objects.requireNonNull(volumeId, "volumeId");
    }
}
