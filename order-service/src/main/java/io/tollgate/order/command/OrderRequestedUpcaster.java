package io.tollgate.order.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.eventing.axon.AddedFieldsUpcaster;
import io.tollgate.order.api.OrderRequestedEvent;
import java.util.Map;

/**
 * Reads {@link OrderRequestedEvent} revision 1 (every order taken before orders said where they go)
 * as revision 2: an export to China with the headquarters not stated — the defaults of the
 * contract's V1 upcast, so the relay publishes such an order exactly as a consumer reads its V1
 * record. Fixtures of the stored shape are under {@code src/test/resources/stored-events/v1}.
 */
public final class OrderRequestedUpcaster {

    private OrderRequestedUpcaster() {
    }

    public static AddedFieldsUpcaster revision1To2() {
        Map<String, JsonNode> added = Map.of(
                "destination", TextNode.valueOf(OrderRequestedV1.IMPLIED_DESTINATION),
                "transactionKind", TextNode.valueOf(OrderRequestedV1.IMPLIED_TRANSACTION_KIND.name()));
        return new AddedFieldsUpcaster(OrderRequestedEvent.class, "1", "2", added);
    }
}
