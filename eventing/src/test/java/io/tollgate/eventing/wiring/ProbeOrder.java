package io.tollgate.eventing.wiring;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** A minimal event-sourced aggregate that exercises eventing's Axon wiring end to end. */
public class ProbeOrder {

    public record OpenProbeOrderCommand(String orderId, String customerId) {
    }

    public record NoteDecisionCommand(@TargetAggregateIdentifier String orderId, String authorizationId) {
    }

    @Revision("1")
    public record ProbeOrderOpenedEvent(String orderId, String customerId) {
    }

    @Revision("1")
    public record DecisionNotedEvent(String orderId, String authorizationId) {
    }

    @AggregateIdentifier
    private String orderId;

    protected ProbeOrder() {
        // for Axon
    }

    @CommandHandler
    public ProbeOrder(OpenProbeOrderCommand command) {
        apply(new ProbeOrderOpenedEvent(command.orderId(), command.customerId()));
    }

    @CommandHandler
    public void handle(NoteDecisionCommand command) {
        apply(new DecisionNotedEvent(command.orderId(), command.authorizationId()));
    }

    @EventSourcingHandler
    void on(ProbeOrderOpenedEvent event) {
        this.orderId = event.orderId();
    }
}
