package io.tollgate.contracts;

import java.util.Map;
import java.util.Optional;

/** The registry of CloudEvents {@code type} names and the record each one carries. */
public final class EventTypes {

    private static final Map<String, Class<? extends WireEvent>> BY_TYPE = Map.of(
            OrderRequestedV1.TYPE, OrderRequestedV1.class,
            OrderRequestedV2.TYPE, OrderRequestedV2.class,
            OrderCancelledV1.TYPE, OrderCancelledV1.class,
            RevenueSharePaidV1.TYPE, RevenueSharePaidV1.class,
            AuthorizationGrantedV1.TYPE, AuthorizationGrantedV1.class,
            AuthorizationDeniedV1.TYPE, AuthorizationDeniedV1.class,
            AuthorizationPendingV1.TYPE, AuthorizationPendingV1.class,
            UsageScenarioSuppliedV1.TYPE, UsageScenarioSuppliedV1.class,
            DocumentSuppliedV1.TYPE, DocumentSuppliedV1.class,
            SupplyPassedOverV1.TYPE, SupplyPassedOverV1.class);

    private static final Map<Class<? extends WireEvent>, String> BY_CLASS = Map.of(
            OrderRequestedV1.class, OrderRequestedV1.TYPE,
            OrderRequestedV2.class, OrderRequestedV2.TYPE,
            OrderCancelledV1.class, OrderCancelledV1.TYPE,
            RevenueSharePaidV1.class, RevenueSharePaidV1.TYPE,
            AuthorizationGrantedV1.class, AuthorizationGrantedV1.TYPE,
            AuthorizationDeniedV1.class, AuthorizationDeniedV1.TYPE,
            AuthorizationPendingV1.class, AuthorizationPendingV1.TYPE,
            UsageScenarioSuppliedV1.class, UsageScenarioSuppliedV1.TYPE,
            DocumentSuppliedV1.class, DocumentSuppliedV1.TYPE,
            SupplyPassedOverV1.class, SupplyPassedOverV1.TYPE);

    private EventTypes() {
    }

    public static Optional<Class<? extends WireEvent>> classOf(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    public static String typeOf(WireEvent event) {
        String type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no ce_type for " + event.getClass().getName());
        }
        return type;
    }

    /** The topic each event type is published on. */
    public static Topics.Topic topicOf(WireEvent event) {
        // Java 17 has no pattern switch; the sealed interface keeps this list complete.
        if (event instanceof AuthorizationGrantedV1 || event instanceof AuthorizationDeniedV1
                || event instanceof AuthorizationPendingV1 || event instanceof SupplyPassedOverV1) {
            return Topics.AUTHORIZATIONS;
        }
        return Topics.ORDERS;
    }

    /**
     * True for the workflow between order-service and the regulator: an application's waits, the
     * scenarios and documents the ERP supplies, and those passed over after the decision. They move
     * no money, so the ledger and the audit verify and decode them but book nothing for them.
     */
    public static boolean isWorkflow(WireEvent event) {
        return event instanceof AuthorizationPendingV1 || event instanceof UsageScenarioSuppliedV1
                || event instanceof DocumentSuppliedV1 || event instanceof SupplyPassedOverV1;
    }

    public static java.util.Set<String> knownTypes() {
        return BY_TYPE.keySet();
    }
}
