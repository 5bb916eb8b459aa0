package io.tollgate.regulator.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.eventing.axon.AddedFieldsUpcaster;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import java.util.Map;

/**
 * Reads {@link ApplicationReceivedEvent} revision 1 (stored before orders said where they go) as
 * revision 2: the application of a V1 order, so an export to China with the headquarters not
 * stated — the defaults of the contract's V1 upcast, so both paths agree. Runs after
 * {@link NestedEventNamesUpcaster}, which first gives events stored under nested names today's
 * type name. Fixtures of the stored shape are under {@code src/test/resources/stored-events/v1}.
 */
public final class ApplicationReceivedUpcaster {

    private ApplicationReceivedUpcaster() {
    }

    public static AddedFieldsUpcaster revision1To2() {
        Map<String, JsonNode> added = Map.of(
                "destination", TextNode.valueOf(OrderRequestedV1.IMPLIED_DESTINATION),
                "transactionKind", TextNode.valueOf(OrderRequestedV1.IMPLIED_TRANSACTION_KIND.name()));
        return new AddedFieldsUpcaster(ApplicationReceivedEvent.class, "1", "2", added);
    }
}
