package io.tollgate.regulator.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.AssessStandingCommand;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignateCustomerCommand;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReserveUnitsCommand;
import io.tollgate.regulator.api.ReturnUnitsCommand;
import io.tollgate.regulator.api.RevokeDesignationCommand;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.api.UnitsReturnedEvent;
import io.tollgate.regulator.api.UnitsUnavailableException;
import io.tollgate.regulator.policy.CustomerStanding;
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
 * A customer's entry on the designated register, and the units granted to it per calendar
 * quarter. Counting units here serialises every grant of one customer through one event stream
 * (the event store's unique (aggregate, sequence) key), so two concurrent grants can never both
 * pass the cap; grants of different customers never contend.
 *
 * <p>Its stream grows by one event per grant, so it is snapshotted (as JSON of its fields; bump
 * {@code @Revision} when they change and old snapshots are ignored, the events replayed instead).
 */
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Designation {

    public static final long UNIT_CAP_MAX = 1_000_000_000L;

    @AggregateIdentifier
    private String customerId;
    private String name;
    private String country;
    private Long unitCapPerQuarter;
    private boolean revoked;
    private final Map<String, Long> unitsByQuarter = new HashMap<>();

    /** For Axon: rebuilt from events. */
    public Designation() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DesignateCustomerCommand command) {
        requireApproval(command.approval(), command.customerId());
        if (command.name() == null || command.name().isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (command.country() == null || !command.country().matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code");
        }
        Long cap = command.unitCapPerQuarter();
        if (cap != null && (cap < 1 || cap > UNIT_CAP_MAX)) {
            throw new IllegalArgumentException("unitCapPerQuarter must be in [1, " + UNIT_CAP_MAX + "]");
        }
        boolean unchanged = customerId != null && !revoked && command.name().equals(name)
                && command.country().equals(country) && Objects.equals(cap, unitCapPerQuarter);
        if (unchanged) {
            return; // PUT is idempotent: the same entry again records nothing.
        }
        apply(new CustomerDesignatedEvent(command.customerId(), command.name(), command.country(),
                cap, command.at(), command.approval()));
    }

    @CommandHandler
    public void handle(RevokeDesignationCommand command) {
        requireApproval(command.approval(), command.customerId());
        if (!revoked) {
            apply(new DesignationRevokedEvent(customerId, command.at(), command.approval()));
        }
    }

    /** The register changes only through an approved proposal (four eyes); anything else is a bug. */
    private static void requireApproval(Approval approval, String customerId) {
        if (approval == null) {
            throw new IllegalArgumentException("a change of the designation of " + customerId
                    + " needs an approved proposal");
        }
    }

    @CommandHandler
    public CustomerStanding handle(AssessStandingCommand command) {
        return standing(command.quarter());
    }

    @CommandHandler
    public void handle(ReserveUnitsCommand command) {
        if (command.units() <= 0) {
            throw new IllegalArgumentException("units must be positive");
        }
        if (revoked) {
            throw new UnitsUnavailableException(ReasonCode.CUSTOMER_REVOKED,
                    "Customer " + customerId + " was revoked while order " + command.orderId()
                            + " was being granted");
        }
        long used = unitsByQuarter.getOrDefault(command.quarter(), 0L);
        if (unitCapPerQuarter != null && used + command.units() > unitCapPerQuarter) {
            throw new UnitsUnavailableException(ReasonCode.UNIT_CAP_EXCEEDED,
                    "Order " + command.orderId() + " would bring customer " + customerId + " to "
                            + (used + command.units()) + " units in " + command.quarter()
                            + ", above its cap of " + unitCapPerQuarter);
        }
        apply(new UnitsReservedEvent(customerId, command.orderId(), command.quarter(),
                command.units(), command.at()));
    }

    @CommandHandler
    public void handle(ReturnUnitsCommand command) {
        long used = unitsByQuarter.getOrDefault(command.quarter(), 0L);
        if (command.units() <= 0 || command.units() > used) {
            throw new IllegalStateException("cannot return " + command.units() + " units of order "
                    + command.orderId() + ": customer " + customerId + " has " + used + " in "
                    + command.quarter());
        }
        apply(new UnitsReturnedEvent(customerId, command.orderId(), command.quarter(),
                command.units(), command.at()));
    }

    /** The standing for {@code quarter} as the events applied so far say (also read by {@link RegisterReplay}). */
    CustomerStanding standing(String quarter) {
        CustomerStanding.Status status = revoked
                ? CustomerStanding.Status.REVOKED : CustomerStanding.Status.DESIGNATED;
        return new CustomerStanding(customerId, status, unitCapPerQuarter, quarter,
                unitsByQuarter.getOrDefault(quarter, 0L));
    }

    @EventSourcingHandler
    void on(CustomerDesignatedEvent event) {
        customerId = event.customerId();
        name = event.name();
        country = event.country();
        unitCapPerQuarter = event.unitCapPerQuarter();
        revoked = false;
    }

    @EventSourcingHandler
    void on(DesignationRevokedEvent event) {
        revoked = true;
    }

    @EventSourcingHandler
    void on(UnitsReservedEvent event) {
        unitsByQuarter.merge(event.quarter(), event.units(), Long::sum);
    }

    @EventSourcingHandler
    void on(UnitsReturnedEvent event) {
        unitsByQuarter.merge(event.quarter(), -event.units(), Long::sum);
    }
}
