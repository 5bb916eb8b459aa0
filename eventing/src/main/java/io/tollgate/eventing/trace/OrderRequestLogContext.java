package io.tollgate.eventing.trace;

import io.tollgate.contracts.WireLimits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts the {@code orderId} path parameter of a request about one order into the log context of
 * the lines written while it is handled, and takes it out with the response. A request that
 * creates an order puts the new id there itself once it has one ({@link LogContext#of}).
 */
@Provider
public class OrderRequestLogContext implements ContainerRequestFilter, ContainerResponseFilter {

    /** The path parameter every service names its order id with. */
    static final String PATH_PARAMETER = "orderId";
    private static final String PROPERTY = OrderRequestLogContext.class.getName();

    @Override
    public void filter(ContainerRequestContext request) {
        String orderId = request.getUriInfo().getPathParameters().getFirst(PATH_PARAMETER);
        // Longer values are no order id (refused by the endpoint), and would only bloat each line.
        if (orderId != null && orderId.length() <= WireLimits.ORDER_ID_CHARS_MAX) {
            request.setProperty(PROPERTY, LogContext.of(orderId, null));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROPERTY) instanceof LogContext log) {
            request.removeProperty(PROPERTY);
            log.close();
        }
    }
}
