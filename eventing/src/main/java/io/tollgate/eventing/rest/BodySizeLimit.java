package io.tollgate.eventing.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies above {@code tollgate.http.body-bytes-max} (64 KB; for an endpoint marked
 * {@link LargeBody}, {@code tollgate.http.large-body-bytes-max}) with 413 problem+json, whether the
 * size is declared in Content-Length or only found while reading a chunked body.
 *
 * <p>A body that stops coming ends as 408 BODY_READ_TIMEOUT once no byte came for
 * {@code quarkus.http.read-timeout} (60 s): the endpoint's work rolls back and the log says what
 * happened, instead of an internal error with a stack trace. Vert.x closes the connection when its
 * blocking read times out, so the client itself sees the connection closed, not the answer.
 *
 * <p>Not {@code @PreMatching}: pre-matching filters run on the I/O thread, where reading the body
 * stream is refused (a body-less GET that merely carries {@code Content-Type} has an "entity" to
 * the filter, and answered 500). After matching, a blocking endpoint's filters run on a worker
 * thread, where reading is allowed; every endpoint of the services is blocking.
 */
@Provider
public class BodySizeLimit implements ContainerRequestFilter {

    @ConfigProperty(name = "tollgate.http.body-bytes-max")
    int bodyBytesMax;
    @ConfigProperty(name = "tollgate.http.large-body-bytes-max")
    int largeBodyBytesMax;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Method method = resource == null ? null : resource.getResourceMethod();
        int maxBodyBytes = method != null && method.isAnnotationPresent(LargeBody.class) ? largeBodyBytesMax
                : bodyBytesMax;
        if (request.getLength() > maxBodyBytes) {
            request.abortWith(tooLarge(request, maxBodyBytes));
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        Capped body = new Capped(request.getEntityStream(), maxBodyBytes);
        if (request.getLength() >= 0 || method != null && method.isAnnotationPresent(LargeBody.class)) {
            // Declared, or chunked and large: counted as the endpoint reads it, never held here.
            request.setEntityStream(body);
            return;
        }
        // Chunked: read at most one byte past the limit, then hand the bytes on.
        try {
            request.setEntityStream(new ByteArrayInputStream(body.readNBytes(maxBodyBytes + 1)));
        } catch (ProblemException e) {
            request.abortWith(ProblemMappers.respond(e.status(), e.code(), e.field(), e.getMessage(),
                    request.getUriInfo()));
        }
    }

    /**
     * A body stream that ends the request with a {@link ProblemException}, so the endpoint's work
     * rolls back: 413 BODY_TOO_LARGE when more than {@code max} bytes come, 408 BODY_READ_TIMEOUT
     * when the server's blocking read gave up waiting for the next byte.
     */
    private static final class Capped extends FilterInputStream {
        private static final String READ_TIMED_OUT = "Read timed out";
        private final int max;
        private long seen;

        Capped(InputStream in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw timedOut(e);
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw timedOut(e);
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped;
            try {
                skipped = super.skip(n);
            } catch (IOException e) {
                throw timedOut(e);
            }
            count(skipped);
            return skipped;
        }

        /**
         * The read timeout as the problem it is; any other failure as it came. RESTEasy Reactive's
         * blocking input says {@value #READ_TIMED_OUT} and nothing else when it gives up waiting.
         */
        private static IOException timedOut(IOException e) {
            if (READ_TIMED_OUT.equals(e.getMessage())) {
                throw new ProblemException(408, "BODY_READ_TIMEOUT", "body", "no byte of the request body came"
                        + " within the server's read timeout (quarkus.http.read-timeout); nothing of it was stored");
            }
            return e;
        }

        private void count(long n) {
            seen += n;
            if (seen > max) {
                throw new ProblemException(413, "BODY_TOO_LARGE", "body", "request body exceeds " + max + " bytes");
            }
        }
    }

    private static Response tooLarge(ContainerRequestContext request, int maxBodyBytes) {
        return ProblemMappers.respond(413, "BODY_TOO_LARGE", "body",
                "request body exceeds " + maxBodyBytes + " bytes", request.getUriInfo());
    }
}
