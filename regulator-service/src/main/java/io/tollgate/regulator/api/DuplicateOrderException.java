package io.tollgate.regulator.api;

/** A second, different request for an order that already has an application. */
public class DuplicateOrderException extends RegulatorRejection {
    public DuplicateOrderException(String orderId, String existingEventId, String newEventId) {
        super("DUPLICATE_ORDER", "Order " + orderId + " was already requested by event "
                + existingEventId + "; event " + newEventId + " asks again");
    }
}
