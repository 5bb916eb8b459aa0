package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A usage scenario or document the ERP supplied through order-service ({@link
 * UsageScenarioSuppliedV1}, {@link DocumentSuppliedV1}) reached the order's application after it
 * was granted, denied or withdrawn, and was passed over: the decision stands and the supply was
 * not considered. Published by regulator-service, on the authorizations topic, once per supply
 * record; the order's status does not change and no money moves. The order still looked REQUESTED
 * to order-service when it took the supply (the decision was on its way), so this is how the ERP
 * learns, as data, that it was not considered.
 *
 * @param supply           what was passed over, {@link #USAGE_SCENARIO} or {@link #DOCUMENT}; an
 *                         open set (names may be added within v1): readers treat an unknown value
 *                         as "a supply, not for the reader"
 * @param supplyEventId    the CloudEvents id of the supply record on the orders topic, so the ERP
 *                         and an auditor can tell which one it was
 * @param documentKind     the kind of a passed-over {@link #DOCUMENT} (required then); absent for
 *                         a usage scenario
 * @param applicationState the application's state that made the supply late: GRANTED, DENIED or
 *                         WITHDRAWN; an open set, as {@code supply}
 */
public record SupplyPassedOverV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String supply,
        @JsonProperty(required = true) String supplyEventId,
        DocumentKind documentKind,
        @JsonProperty(required = true) String applicationState,
        @JsonProperty(required = true) Instant occurredAt) implements WireEvent {

    public static final String TYPE = "tollgate.authorization.supply-passed-over.v1";

    /** A usage scenario ({@link UsageScenarioSuppliedV1}) was passed over. */
    public static final String USAGE_SCENARIO = "USAGE_SCENARIO";
    /** A document ({@link DocumentSuppliedV1}) was passed over; {@code documentKind} says which. */
    public static final String DOCUMENT = "DOCUMENT";

    public SupplyPassedOverV1 {
        Require.text("orderId", orderId);
        Require.name("supply", supply);
        Require.eventId("supplyEventId", supplyEventId);
        if (DOCUMENT.equals(supply) && documentKind == null) {
            throw new ContractViolationException("documentKind", "is required when supply is " + DOCUMENT);
        }
        if (USAGE_SCENARIO.equals(supply) && documentKind != null) {
            throw new ContractViolationException("documentKind", "must be absent when supply is "
                    + USAGE_SCENARIO);
        }
        Require.name("applicationState", applicationState);
        Require.present("occurredAt", occurredAt);
    }
}
