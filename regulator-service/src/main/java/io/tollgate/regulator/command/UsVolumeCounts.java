package io.tollgate.regulator.command;

import io.tollgate.regulator.api.ExpireUsVolumeWaitCommand;
import io.tollgate.regulator.api.ReleaseUsVolumeCommand;
import io.tollgate.regulator.api.ReportUsShipmentsCommand;
import io.tollgate.regulator.api.ReserveUsVolumeCommand;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.eventing.axon.TimeOrderedIds;
import io.tollgate.regulator.policy.UsVolumeRule;
import io.tollgate.regulator.policy.UsVolumeStanding;
import io.tollgate.regulator.query.UsVolumeQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The US-volume side of decisions: the figures an application is decided on, counting a grant's
 * units in its {@link UsVolume} in the decision's own transaction (a lost race rolls the decision
 * back), giving them back on cancellation, recording the ERP's reports and expiring waits.
 */
@ApplicationScoped
public class UsVolumeCounts {

    private final CommandGateway commands;
    private final UsVolumeQueries queries;
    private final Clock clock = Clock.systemUTC();

    private final DecisionLock decisions;

    public UsVolumeCounts(CommandGateway commands, UsVolumeQueries queries, DecisionLock decisions) {
        this.decisions = decisions;
        this.commands = commands;
        this.queries = queries;
    }

    /** The figures for an application of {@code sku}; null for a product the catalogue does not know. */
    UsVolumeStanding standing(String sku, String quarter, Instant requestedAt, String orderId) {
        Optional<String> productClass = UsVolumeRule.productClass(sku);
        return productClass.map(c -> queries.standing(c, quarter, requestedAt, orderId)).orElse(null);
    }

    /** Counts a grant the cap reached (the grant's event said so); nothing for any other grant. */
    void countGrant(String orderId, Instant at) {
        queries.countedGrant(orderId).filter(g -> !g.reserved()).ifPresent(g -> commands.sendAndWait(
                new ReserveUsVolumeCommand(g.volumeId(), orderId, g.units(), g.ratio(), at)));
    }

    /** A granted order was cancelled: its counted units go back to its class and period. */
    void giveBack(String orderId, Instant at) {
        queries.countedGrant(orderId).filter(UsVolumeQueries.CountedGrant::reserved).ifPresent(g ->
                commands.sendAndWait(new ReleaseUsVolumeCommand(g.volumeId(), orderId, at)));
    }

    /** Records a report; false when the same report was recorded before. */
    @Transactional
    public boolean report(String productClass, String period, String reportId, long units, String reference) {
        decisions.enter(); // the class's UsVolume takes the grants' reservations too
        return commands.sendAndWait(new ReportUsShipmentsCommand(UsVolumeId.of(productClass, period), productClass,
                period, reportId, units, reference, clock.instant()));
    }

    /** Denies the application if its wait ended; false when it waits no more or not yet that long. */
    @Transactional
    public boolean expire(String orderId) {
        decisions.enter();
        return commands.sendAndWait(new ExpireUsVolumeWaitCommand(orderId, TimeOrderedIds.nextText(),
                clock.instant()));
    }
}
