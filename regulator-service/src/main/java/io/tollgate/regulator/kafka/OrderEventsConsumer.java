package io.tollgate.regulator.kafka;

import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.KafkaAccess;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.eventing.kafka.RecordConsumer;
import io.tollgate.eventing.kafka.RejectedEventException;
import io.tollgate.regulator.api.DocumentsLimitReachedException;
import io.tollgate.regulator.api.DuplicateOrderException;
import io.tollgate.regulator.api.IllegalTransitionException;
import io.tollgate.regulator.command.ApplicationWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Consumes the order topic: a requested order opens and decides its application, a cancelled one
 * withdraws it (or gives a grant's units back), a supplied usage scenario is judged (an
 * unacceptable one leaves the application waiting, with the reason published; one for an open
 * application that waits for none, or for an unknown order, is dead-lettered), a supplied document
 * is recorded as one an officer enters (one for an unknown order, or beyond an application's
 * limit, is dead-lettered). A scenario or document that reaches a decided or withdrawn
 * application arrived after the decision it could have changed, a race order-service cannot see:
 * the application records it as passed over, published to the ERP as {@code SupplyPassedOverV1}
 * in this record's transaction (logged and counted as {@code tollgate.regulator.supplies.late}),
 * so it does not hold the order's later events (a cancellation) behind a dead letter.
 * Revenue-share payments are not the regulator's business. The loop records each event id with
 * the effect, so a redelivered supply is passed over (and published) once; the Application
 * aggregate (id = order id) also refuses to open twice, so even a re-published request with a new
 * id changes nothing.
 */
@ApplicationScoped
public class OrderEventsConsumer implements RecordConsumer {

    public static final String GROUP = KafkaAccess.REGULATOR_SERVICE.group();
    /** Orders above this many units are refused as implausible input, not decided. */
    public static final long QUANTITY_MAX = 1_000_000_000L;
    private static final int TEXT_MAX = 10_000;

    private final ApplicationWorkflow workflow;

    public OrderEventsConsumer(ApplicationWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public List<Topics.Topic> topics() {
        // The topics the broker lets this service read (contracts' KafkaAccess, the ACL table).
        return KafkaAccess.REGULATOR_SERVICE.consumes();
    }

    @Override
    public void handle(IncomingEvent incoming) {
        WireEvent event = incoming.envelope().event();
        if (event instanceof OrderRequested) {
            // V1 and V2 alike: a V1 request is upcast to V2 in the contract, nowhere else.
            requested(incoming.eventId(), ((OrderRequested) event).asV2());
        } else if (event instanceof OrderCancelledV1) {
            if (!workflow.onOrderCancelled((OrderCancelledV1) event)) {
                throw new RejectedEventException("UNKNOWN_ORDER",
                        "cancellation of order " + event.orderId() + " which was never requested");
            }
        } else if (event instanceof UsageScenarioSuppliedV1) {
            supplied(incoming.eventId(), (UsageScenarioSuppliedV1) event);
        } else if (event instanceof DocumentSuppliedV1) {
            documentSupplied(incoming.eventId(), (DocumentSuppliedV1) event);
        }
        // RevenueSharePaidV1 and anything added later: not ours.
    }

    private void supplied(String eventId, UsageScenarioSuppliedV1 supplied) {
        if (supplied.usageScenario().length() > TEXT_MAX) {
            throw new RejectedEventException("INVALID_USAGE_SCENARIO",
                    "usageScenario is longer than " + TEXT_MAX + " characters");
        }
        try {
            workflow.onUsageScenarioSupplied(eventId, supplied);
        } catch (IllegalTransitionException e) {
            throw new RejectedEventException(e.code(), e.getMessage());
        }
    }

    /**
     * The same path as a document an officer supplies over the API; what that path refuses (no
     * application, one holding the most documents) is dead-lettered with its code, as a scenario
     * for an application that waits for none is; one after the decision is passed over.
     */
    private void documentSupplied(String eventId, DocumentSuppliedV1 supplied) {
        try {
            workflow.onDocumentSupplied(eventId, supplied);
        } catch (IllegalTransitionException | DocumentsLimitReachedException e) {
            throw new RejectedEventException(e.code(), e.getMessage());
        }
    }

    private void requested(String eventId, OrderRequestedV2 order) {
        if (order.quantity() > QUANTITY_MAX) {
            throw new RejectedEventException("INVALID_QUANTITY",
                    "quantity " + order.quantity() + " is above " + QUANTITY_MAX);
        }
        if (order.usageScenario() != null && order.usageScenario().length() > TEXT_MAX) {
            throw new RejectedEventException("INVALID_USAGE_SCENARIO",
                    "usageScenario is longer than " + TEXT_MAX + " characters");
        }
        try {
            workflow.onOrderRequested(eventId, order);
        } catch (DuplicateOrderException e) {
            throw new RejectedEventException(e.code(), e.getMessage());
        }
    }
}
