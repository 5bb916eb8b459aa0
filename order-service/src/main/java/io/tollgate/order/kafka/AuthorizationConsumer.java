package io.tollgate.order.kafka;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.KafkaAccess;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.eventing.kafka.RecordConsumer;
import io.tollgate.eventing.kafka.RejectedEventException;
import io.tollgate.order.api.OrderRejectedException;
import io.tollgate.order.api.RecordAuthorizationDenialCommand;
import io.tollgate.order.api.RecordAuthorizationGrantCommand;
import io.tollgate.order.api.RecordAuthorizationPendingCommand;
import io.tollgate.order.api.RecordSupplyPassedOverCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Applies the regulator's decisions to orders, its waits (what the application waits for) and the
 * supplies it passed over because they came after the decision. Runs inside the consumer loop's
 * transaction, which also records the event id: a redelivered decision is skipped before it gets
 * here, and a decision re-sent under a new id is absorbed by the aggregate (a passed-over supply
 * likewise, by the supply's id). A record for an unknown order, or one the order refuses, is
 * dead-lettered with the reason.
 */
@ApplicationScoped
public class AuthorizationConsumer implements RecordConsumer {

    public static final String GROUP = KafkaAccess.ORDER_SERVICE.group();

    private final CommandGateway commands;

    public AuthorizationConsumer(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public List<Topics.Topic> topics() {
        // The topics the broker lets this service read (contracts' KafkaAccess, the ACL table).
        return KafkaAccess.ORDER_SERVICE.consumes();
    }

    @Override
    public void handle(IncomingEvent incoming) {
        WireEvent event = incoming.envelope().event();
        Object command;
        if (event instanceof AuthorizationGrantedV1) {
            AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) event;
            command = new RecordAuthorizationGrantCommand(grant.orderId(), grant.authorizationId(),
                    grant.requestEventId(), grant.conditions().revenueShareRate(), grant.conditions().payee(),
                    grant.policyVersion(), grant.decidedBy(), grant.occurredAt(), grant.policyClause());
        } else if (event instanceof AuthorizationDeniedV1) {
            AuthorizationDeniedV1 denial = (AuthorizationDeniedV1) event;
            command = new RecordAuthorizationDenialCommand(denial.orderId(), denial.authorizationId(),
                    denial.requestEventId(), denial.reasons(), denial.policyVersion(), denial.decidedBy(),
                    denial.occurredAt(), denial.policyClause());
        } else if (event instanceof AuthorizationPendingV1) {
            AuthorizationPendingV1 pending = (AuthorizationPendingV1) event;
            command = new RecordAuthorizationPendingCommand(pending.orderId(), pending.waitingFor(),
                    pending.track(), pending.code(), pending.requirement(), pending.policyVersion(),
                    pending.policyClause(), pending.occurredAt());
        } else if (event instanceof SupplyPassedOverV1) {
            SupplyPassedOverV1 passedOver = (SupplyPassedOverV1) event;
            command = new RecordSupplyPassedOverCommand(passedOver.orderId(), passedOver.supply(),
                    passedOver.supplyEventId(), passedOver.documentKind(), passedOver.applicationState(),
                    passedOver.occurredAt());
        } else {
            // Another type on this topic (a future one): not for us. Recorded as processed.
            return;
        }
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new RejectedEventException("UNKNOWN_ORDER", "no order " + event.orderId()
                    + " exists in order-service");
        } catch (OrderRejectedException e) {
            throw new RejectedEventException(e.code().name(), e.detail());
        }
    }
}
