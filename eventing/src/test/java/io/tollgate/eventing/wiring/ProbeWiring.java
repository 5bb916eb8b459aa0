package io.tollgate.eventing.wiring;

import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.axon.AxonModule;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.eventing.kafka.RecordConsumer;
import io.tollgate.eventing.kafka.RejectedEventException;
import io.tollgate.eventing.outbox.OutboxMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.jboss.logging.Logger;

/** The probe service's contributions: its aggregate, its outbox mapping, its consumer. */
public class ProbeWiring {

    public static final String GROUP = "tollgate.eventing-wiring";
    private static final Logger LOG = Logger.getLogger(ProbeWiring.class);

    @ApplicationScoped
    public static class Module implements AxonModule {
        @Override
        public void configure(Configurer configurer) {
            configurer.configureAggregate(ProbeOrder.class);
        }
    }

    @ApplicationScoped
    public static class Mapper implements OutboxMapper {
        @Override
        public Optional<WireEvent> toWire(EventMessage<?> event) {
            if (event.getPayload() instanceof ProbeOrder.ProbeOrderOpenedEvent opened) {
                Money unit = new Money("31500.00", "USD");
                return Optional.of(new OrderRequestedV1(opened.orderId(), opened.customerId(), "Probe Customer",
                        "H200-SXM-141GB", "HOPPER_H200", 2, unit, unit.times(2), null, "PO-1",
                        event.getTimestamp(), null));
            }
            return Optional.empty();
        }
    }

    @ApplicationScoped
    public static class Consumer implements RecordConsumer {
        @Inject
        CommandGateway commands;

        @Override
        public String group() {
            return GROUP;
        }

        @Override
        public List<Topics.Topic> topics() {
            return List.of(Topics.AUTHORIZATIONS);
        }

        @Override
        public void handle(IncomingEvent event) {
            if (!(event.envelope().event() instanceof AuthorizationGrantedV1 grant)) {
                return;
            }
            // A line the tracing tests look for: written by the handler, not by the plumbing.
            LOG.infof("probe consumer: noting grant %s", grant.authorizationId());
            try {
                commands.sendAndWait(new ProbeOrder.NoteDecisionCommand(grant.orderId(), grant.authorizationId()));
            } catch (AggregateNotFoundException e) {
                throw new RejectedEventException("UNKNOWN_ORDER", "no order " + grant.orderId());
            }
        }
    }
}
