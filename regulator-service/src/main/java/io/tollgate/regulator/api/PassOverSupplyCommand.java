package io.tollgate.regulator.api;

import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.SupplyPassedOverV1;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a usage scenario or document the ERP supplied through order-service reached the
 * application after its decision or withdrawal and was passed over: the decision stands, and the
 * ERP is told ({@code SupplyPassedOverV1}). Accepted only by a granted, denied or withdrawn
 * application. A redelivered supply record never gets here twice: the order consumer's
 * processed-event log skips it.
 *
 * @param supply        {@link SupplyPassedOverV1#USAGE_SCENARIO} or {@link SupplyPassedOverV1#DOCUMENT}
 * @param supplyEventId the CloudEvents id of the supply record on the orders topic
 * @param documentKind  the kind of a document; null for a usage scenario
 */
public record PassOverSupplyCommand(@TargetAggregateIdentifier String orderId, String supply,
                                    String supplyEventId, DocumentKind documentKind, Instant passedOverAt) {

    public PassOverSupplyCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(supplyEventId, "supplyEventId");
        Objects.requireNonNull(passedOverAt, "passedOverAt");
        if (SupplyPassedOverV1.DOCUMENT.equals(supply) != (documentKind != null)
                || !SupplyPassedOverV1.DOCUMENT.equals(supply) && !SupplyPassedOverV1.USAGE_SCENARIO.equals(supply)) {
            throw new IllegalArgumentException("a passed-over supply is a usage scenario, or a document with its"
                    + " kind: " + supply + ", " + documentKind);
        }
    }

    public static PassOverSupplyCommand usageScenario(String orderId, String supplyEventId, Instant at) {
        return new PassOverSupplyCommand(orderId, SupplyPassedOverV1.USAGE_SCENARIO, supplyEventId, null, at);
    }

    public static PassOverSupplyCommand document(String orderId, String supplyEventId, DocumentKind kind,
                                                 Instant at) {
        return new PassOverSupplyCommand(orderId, SupplyPassedOverV1.DOCUMENT, supplyEventId, kind, at);
    }
}
