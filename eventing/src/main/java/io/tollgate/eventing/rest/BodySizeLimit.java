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
        if (!request.hasEntity() || request.getLength() >= 0) {
            return;
        }
        if (method != null && method.isAnnotationPresent(LargeBody.class)) {
            // Chunked and large: counted as the endpoint reads it, never held here.
            request.setEntityStream(new Capped(request.getEntityStream(), maxBodyBytes));
            return;
        }
        // Chunked: read at most one byte past the limit, then hand the bytes on.
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            request.abortWith(tooLarge(request, maxBodyBytes));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /**
     * A body stream that ends the request with 413 BODY_TOO_LARGE (a {@link ProblemException}, so
     * the endpoint's work rolls back) when more than {@code max} bytes come.
     */
    private static final class Capped extends FilterInputStream {
        private final int max;
        private long seen;

        Capped(InputStream in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
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
