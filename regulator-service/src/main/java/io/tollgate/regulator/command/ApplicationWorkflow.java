package io.tollgate.regulator.command;

import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.axon.TimeOrderedIds;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.AssessStandingCommand;
import io.tollgate.regulator.api.DecideApplicationCommand;
import io.tollgate.regulator.api.DecideAwaitingUsVolumeCommand;
import io.tollgate.regulator.api.DecideByOfficerCommand;
import io.tollgate.regulator.api.IllegalTransitionException;
import io.tollgate.regulator.api.OfficerDecision;
import io.tollgate.regulator.api.PassOverSupplyCommand;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.api.ReceiveApplicationCommand;
import io.tollgate.regulator.api.ReserveUnitsCommand;
import io.tollgate.regulator.api.ReturnUnitsCommand;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.regulator.api.SupplyDocumentCommand;
import io.tollgate.regulator.api.SupplyUsageScenarioCommand;
import io.tollgate.regulator.api.WithdrawApplicationCommand;
import io.tollgate.regulator.api.Withdrawal;
import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.policy.UsVolumeStanding;
import io.tollgate.regulator.query.ApplicationView;
import io.tollgate.regulator.query.ReadModelQueries;
import io.tollgate.regulator.query.RegulatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * Runs one decision across the two aggregates in one JTA transaction: read the policy history
 * (the {@link Application} decides under the version in force when its order was requested), ask
 * the customer's {@link Designation} for its standing, let the {@link Application} decide, and
 * count a grant's units against the customer's quarter (and, where the US-volume cap reaches it,
 * against its product class and period: {@link UsVolumeCounts}). If the register changed between the
 * standing and the reservation (another grant for the same customer committed in between), the
 * reservation is refused, the whole transaction rolls back and the caller retries with fresh state;
 * across nodes the event store's unique (aggregate, sequence) key gives the same guarantee.
 */
@ApplicationScoped
public class ApplicationWorkflow {

    private static final Logger LOG = Logger.getLogger(ApplicationWorkflow.class);

    private final CommandGateway commands;
    private final ReadModelQueries queries;
    private final PolicyBootstrap policies;
    private final UsVolumeCounts usVolume;
    private final DecisionLock decisions;
    private final RegulatorMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public ApplicationWorkflow(CommandGateway commands, ReadModelQueries queries, PolicyBootstrap policies,
                               UsVolumeCounts usVolume, DecisionLock decisions, RegulatorMetrics metrics) {
        this.decisions = decisions;
        this.metrics = metrics;
        this.commands = commands;
        this.queries = queries;
        this.policies = policies;
        this.usVolume = usVolume;
    }

    /**
     * Opens and decides the application for a requested order (either wire version, read as V2);
     * a redelivery changes nothing.
     */
    @Transactional
    public void onOrderRequested(String requestEventId, OrderRequestedV2 order) {
        decisions.enter();
        Instant now = clock.instant();
        commands.sendAndWait(ReceiveApplicationCommand.of(requestEventId, order, now));
        String quarter = Quarter.of(order.occurredAt());
        Outcome outcome = commands.sendAndWait(new DecideApplicationCommand(order.orderId(),
                policies.history(), standing(order.customerId(), quarter),
                newAuthorizationId(), now,
                usVolume.standing(order.productSku(), quarter, order.occurredAt(), order.orderId())));
        reserveIfGranted(outcome, order.customerId(), order.orderId(), quarter, order.quantity(), now);
    }

    /**
     * The order was cancelled: withdraw an undecided application or give a grant's units back.
     *
     * @return false when there is no application for the order
     */
    @Transactional
    public boolean onOrderCancelled(OrderCancelledV1 cancelled) {
        decisions.enter();
        Optional<ApplicationView> application = queries.application(cancelled.orderId());
        if (application.isEmpty()) {
            return false;
        }
        ApplicationView app = application.get();
        Instant now = clock.instant();
        Withdrawal withdrawal = commands.sendAndWait(new WithdrawApplicationCommand(cancelled.orderId(),
                cancelled.reason(), now));
        if (withdrawal == Withdrawal.UNITS_RETURNED) {
            commands.sendAndWait(new ReturnUnitsCommand(app.customerId(), app.orderId(), app.quarter(),
                    app.quantity(), now));
            usVolume.giveBack(app.orderId(), now);
        }
        return true;
    }

    /** The buyer's usage scenario; the application is evaluated again under the version in force. */
    @Transactional
    public Outcome supplyUsageScenario(ApplicationView app, String usageScenario, String necessityCategory) {
        decisions.enter();
        Instant now = clock.instant();
        Outcome outcome = commands.sendAndWait(new SupplyUsageScenarioCommand(app.orderId(), usageScenario,
                necessityCategory,
                policies.history(), standing(app.customerId(), app.quarter()),
                newAuthorizationId(), now, false, usVolume(app)));
        reserveIfGranted(outcome, app.customerId(), app.orderId(), app.quarter(), app.quantity(), now);
        return outcome;
    }

    /**
     * The buyer's ERP supplied the scenario through order-service: judged like {@link
     * #supplyUsageScenario}, except that an unacceptable one is not refused but recorded as the
     * application still waiting, with the reason (published, so the ERP sees why). One that reaches
     * a granted, denied or withdrawn application is passed over ({@link #passOver}).
     *
     * @param supplyEventId the CloudEvents id of the supply record
     * @return the outcome, or null when the scenario was passed over
     * @throws IllegalTransitionException when there is no application for the order, or an open one
     *                                    waits for no scenario (both checked on the read model first,
     *                                    so the caller's transaction is not marked for rollback)
     */
    @Transactional
    public Outcome onUsageScenarioSupplied(String supplyEventId, UsageScenarioSuppliedV1 supplied) {
        decisions.enter();
        ApplicationView app = queries.application(supplied.orderId()).orElseThrow(() ->
                new IllegalTransitionException("UNKNOWN_ORDER", "usage scenario for order "
                        + supplied.orderId() + ", which has no application"));
        ApplicationStatus status = ApplicationStatus.valueOf(app.status());
        if (!status.isOpen()) {
            passOver(PassOverSupplyCommand.usageScenario(app.orderId(), supplyEventId, clock.instant()), status);
            return null;
        }
        if (status != ApplicationStatus.USAGE_SCENARIO_REQUESTED) {
            throw new IllegalTransitionException("APPLICATION_NOT_AWAITING_SCENARIO", "usage scenario for "
                    + "application " + app.orderId() + ", which is " + app.status()
                    + " and waits for no usage scenario");
        }
        Instant now = clock.instant();
        // Recorded as the ERP's, as a document it supplies is: the history names who supplied it.
        Outcome outcome = asSupplier(supplied.suppliedBy(), () -> commands.sendAndWait(
                new SupplyUsageScenarioCommand(app.orderId(), supplied.usageScenario(), null, policies.history(),
                        standing(app.customerId(), app.quarter()), newAuthorizationId(), now, true, usVolume(app))));
        reserveIfGranted(outcome, app.customerId(), app.orderId(), app.quarter(), app.quantity(), now);
        return outcome;
    }

    /**
     * A document for an open application; one waiting for documents is evaluated again under the
     * version in force for it (see {@link Application#handle(SupplyDocumentCommand)}).
     *
     * @return the outcome, or null when the document was only recorded
     */
    @Transactional
    public Outcome supplyDocument(ApplicationView app, SuppliedDocument document) {
        decisions.enter();
        Instant now = clock.instant();
        Outcome outcome = commands.sendAndWait(new SupplyDocumentCommand(app.orderId(), document,
                policies.history(), standing(app.customerId(), app.quarter()), newAuthorizationId(), now,
                usVolume(app)));
        reserveIfGranted(outcome, app.customerId(), app.orderId(), app.quarter(), app.quantity(), now);
        return outcome;
    }

    /**
     * The buyer's ERP supplied a document through order-service: recorded exactly as one an officer
     * enters ({@link #supplyDocument}), with the ERP's principal from the event as who supplied it.
     * The event's day is not checked against today: order-service checked it at its edge, and a
     * document that expired in between is recorded and simply does not count (the application
     * waits again with DOCUMENT_EXPIRED, published for the ERP to see). One that reaches a granted,
     * denied or withdrawn application is passed over ({@link #passOver}).
     *
     * @param supplyEventId the CloudEvents id of the supply record
     * @return the outcome, or null when the document was only recorded or was passed over
     * @throws IllegalTransitionException when there is no application for the order (checked on
     *                                    the read model first, as for a scenario)
     * @throws io.tollgate.regulator.api.DocumentsLimitReachedException when it holds the most documents
     */
    @Transactional
    public Outcome onDocumentSupplied(String supplyEventId, DocumentSuppliedV1 supplied) {
        ApplicationView app = queries.application(supplied.orderId()).orElseThrow(() ->
                new IllegalTransitionException("UNKNOWN_ORDER", "document for order "
                        + supplied.orderId() + ", which has no application"));
        ApplicationStatus status = ApplicationStatus.valueOf(app.status());
        if (!status.isOpen()) {
            passOver(PassOverSupplyCommand.document(app.orderId(), supplyEventId, supplied.kind(),
                    clock.instant()), status);
            return null;
        }
        return asSupplier(supplied.suppliedBy(), () -> supplyDocument(app, supplied.document()));
    }

    /**
     * A supply that came after the decision it could have changed: order-service still saw the
     * order REQUESTED while the decision was on its way, a race it cannot see. The decision stands;
     * the application records the supply as passed over, in the consumer's transaction, so it is
     * published to the ERP once through the outbox; it is logged and counted. Nothing is
     * dead-lettered, so the order's later events (a cancellation) are not held behind it.
     */
    private void passOver(PassOverSupplyCommand command, ApplicationStatus status) {
        commands.sendAndWait(command);
        LOG.infof("passed over a late supply (%s, event %s): application %s is %s, and a supply counts only"
                + " before the decision", command.supply(), command.supplyEventId(), command.orderId(), status);
        metrics.lateSupply(command.supply().toLowerCase(Locale.ROOT));
    }

    /** Runs {@code work} with its commands sent on behalf of {@code principal}, the ERP that supplied. */
    private static Outcome asSupplier(String principal, Callable<Outcome> work) {
        try {
            return PrincipalInterceptor.callAs(principal, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compliance officer's decision on an application in review, under the version in force. */
    @Transactional
    public Outcome decideByOfficer(ApplicationView app, OfficerDecision decision, String reason,
                                   String officer) {
        decisions.enter();
        Instant now = clock.instant();
        Outcome outcome = commands.sendAndWait(new DecideByOfficerCommand(app.orderId(), decision, reason,
                officer, policies.history(), standing(app.customerId(), app.quarter()),
                newAuthorizationId(), now, usVolume(app)));
        reserveIfGranted(outcome, app.customerId(), app.orderId(), app.quarter(), app.quantity(), now);
        return outcome;
    }

    /**
     * An application waiting for US volume, decided again now that reports (or returned units) may
     * have made room; AWAITING_US_VOLUME when it still does not fit, null when it waits no more.
     */
    @Transactional
    public Outcome decideAwaitingUsVolume(String orderId) {
        decisions.enter();
        Optional<ApplicationView> found = queries.application(orderId);
        if (found.isEmpty() || !ApplicationStatus.AWAITING_US_VOLUME.name().equals(found.get().status())) {
            return null;
        }
        ApplicationView app = found.get();
        Instant now = clock.instant();
        Outcome outcome = commands.sendAndWait(new DecideAwaitingUsVolumeCommand(orderId, policies.history(),
                standing(app.customerId(), app.quarter()), usVolume(app), newAuthorizationId(), now));
        reserveIfGranted(outcome, app.customerId(), app.orderId(), app.quarter(), app.quantity(), now);
        return outcome;
    }

    private UsVolumeStanding usVolume(ApplicationView app) {
        return usVolume.standing(app.productSku(), app.quarter(), app.requestedAt(), app.orderId());
    }

    private void reserveIfGranted(Outcome outcome, String customerId, String orderId, String quarter,
                                  long quantity, Instant now) {
        if (outcome == Outcome.GRANT) {
            commands.sendAndWait(new ReserveUnitsCommand(customerId, orderId, quarter, quantity, now));
            usVolume.countGrant(orderId, now);
        }
    }

    /**
     * The customer's standing from its Designation aggregate. A customer never designated has no
     * aggregate: the read model (written in the same transactions) tells so without a failing load,
     * which would mark the surrounding transaction rollback-only.
     */
    private CustomerStanding standing(String customerId, String quarter) {
        if (!queries.isOnRegister(customerId)) {
            return CustomerStanding.notDesignated(customerId, quarter);
        }
        return commands.sendAndWait(new AssessStandingCommand(customerId, quarter));
    }

    /** Made once per decision attempt and stored in the decision event; never recomputed. */
    private static String newAuthorizationId() {
        return TimeOrderedIds.nextText();
    }
}
