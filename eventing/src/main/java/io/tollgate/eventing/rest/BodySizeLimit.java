package io.tollgate.eventing.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies above {@code tollgate.http.max-body-bytes} (64 KB) with 413 problem+json,
 * whether the size is declared in Content-Length or only found while reading a chunked body.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    @ConfigProperty(name = "tollgate.http.max-body-bytes")
    int maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > maxBodyBytes) {
            request.abortWith(tooLarge(request));
            return;
        }
        if (!request.hasEntity() || request.getLength() >= 0) {
            return;
        }
        // Chunked: read at most one byte past the limit, then hand the bytes on.
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            request.abortWith(tooLarge(request));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private Response tooLarge(ContainerRequestContext request) {
        return ProblemMappers.respond(413, "BODY_TOO_LARGE", "body",
                "request body exceeds " + maxBodyBytes + " bytes", request.getUriInfo());
    }
}
