package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.TransactionKind;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An order asked for authorization. {@code quarter} is the unit-cap period of the order.
 * Revision 2 added where the order goes and who buys it; revision 1 events are read as exports to
 * China with the headquarters not stated ({@code command.RegulatorUpcasters}).
 *
 * @param buyerHeadquarters          null when the order did not say (only CN and MO)
 * @param ultimateParentHeadquarters null when the order did not say (only CN and MO)
 */
@Revision("2")
public record ApplicationReceivedEvent(String orderId, String requestEventId, String customerId,
                                       String customerName, String productSku,
                                       String productFamily, long quantity,
                                       String usageScenario, String quarter,
                                       Instant requestedAt, Instant receivedAt,
                                       String destination, TransactionKind transactionKind,
                                       @JsonInclude(JsonInclude.Include.NON_NULL) String buyerHeadquarters,
                                       @JsonInclude(JsonInclude.Include.NON_NULL)
                                       String ultimateParentHeadquarters) {
}
