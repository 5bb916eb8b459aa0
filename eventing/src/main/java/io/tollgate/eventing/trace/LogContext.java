package io.tollgate.eventing.trace;

import org.jboss.logging.MDC;

/**
 * The order id and event id in the log context (MDC) of every line written while one order or
 * event is handled; {@link #close()} puts back what was there before, so nothing leaks into the
 * next request or record handled on the same thread. The trace and span ids next to them come
 * from Quarkus' OpenTelemetry extension whenever a span is current.
 */
public final class LogContext implements AutoCloseable {

    /** MDC key of the order id (the Kafka key and CloudEvents subject of every event). */
    public static final String ORDER_ID = "orderId";
    /** MDC key of the event id (the Axon event identifier, the CloudEvents id on the wire). */
    public static final String EVENT_ID = "eventId";

    private static final LogContext NOTHING = new LogContext(null, null, false, false);

    private final Object orderIdBefore;
    private final Object eventIdBefore;
    private final boolean setOrderId;
    private final boolean setEventId;

    private LogContext(Object orderIdBefore, Object eventIdBefore, boolean setOrderId,
                       boolean setEventId) {
        this.orderIdBefore = orderIdBefore;
        this.eventIdBefore = eventIdBefore;
        this.setOrderId = setOrderId;
        this.setEventId = setEventId;
    }

    /** Puts the ids that are not null into the MDC until {@link #close()}. */
    public static LogContext of(String orderId, String eventId) {
        if (orderId == null && eventId == null) {
            return NOTHING;
        }
        Object orderIdBefore = orderId == null ? null : MDC.put(ORDER_ID, orderId);
        Object eventIdBefore = eventId == null ? null : MDC.put(EVENT_ID, eventId);
        return new LogContext(orderIdBefore, eventIdBefore, orderId != null, eventId != null);
    }

    /** The order id in this thread's log context, or null. */
    public static String orderId() {
        return text(MDC.get(ORDER_ID));
    }

    /** The event id in this thread's log context, or null. */
    public static String eventId() {
        return text(MDC.get(EVENT_ID));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    public void close() {
        if (setOrderId) {
            restore(ORDER_ID, orderIdBefore);
        }
        if (setEventId) {
            restore(EVENT_ID, eventIdBefore);
        }
    }

    private static void restore(String key, Object before) {
        if (before == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, before);
        }
    }
}
