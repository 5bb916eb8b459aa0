package io.tollgate.eventing.rest;

import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds how many requests to {@link LargeBody} endpoints one instance takes at once
 * ({@code tollgate.http.large-bodies-at-once}): such a request (up to
 * {@code tollgate.http.large-body-bytes-max}, a batch of order lines) holds a database connection,
 * an open transaction and a worker thread for as long as its body takes to arrive and be stored,
 * so a burst of them could take every connection from the requests that need one for
 * milliseconds. One beyond the bound is answered {@code 503 UPLOADS_BUSY} with
 * {@code Retry-After} before its body is read, and nothing is stored.
 *
 * <p>Runs after authentication and role checks (an anonymous caller takes no place) and before
 * {@link BodySizeLimit} reads a chunked body. The place is given back when the exchange ends, by
 * its answer or by the client going away, whichever comes first.
 */
@Provider
@Priority(Priorities.USER - 10)
public class LargeBodyAdmission implements ContainerRequestFilter {

    /** The answer's code when the instance takes as many large bodies as it may. */
    public static final String BUSY = "UPLOADS_BUSY";
    static final int AT_ONCE_MAX = 64;

    private final Semaphore places;
    private final int atOnce;

    @Context
    ResourceInfo resource;
    @Inject
    RoutingContext exchange;

    public LargeBodyAdmission(@ConfigProperty(name = "tollgate.http.large-bodies-at-once") int atOnce) {
        if (atOnce < 1 || atOnce > AT_ONCE_MAX) {
            throw new IllegalStateException("tollgate.http.large-bodies-at-once must be in [1, " + AT_ONCE_MAX
                    + "]: " + atOnce);
        }
        this.atOnce = atOnce;
        this.places = new Semaphore(atOnce);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(LargeBody.class)) {
            return;
        }
        if (!places.tryAcquire()) {
            request.abortWith(ProblemMappers.respond(503, BUSY, null, atOnce + " large request bodies are"
                    + " being taken by this instance already, the most it takes at once; nothing was stored,"
                    + " retry after Retry-After seconds", request.getUriInfo()));
            return;
        }
        exchange.addEndHandler(ended -> places.release()); // called once, answered or dropped
    }

    /** Places free now: {@code tollgate.http.large-bodies-at-once} less the requests holding one. */
    public int freePlaces() {
        return places.availablePermits();
    }
}
