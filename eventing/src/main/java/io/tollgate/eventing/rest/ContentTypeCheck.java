package io.tollgate.eventing.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a {@code Content-Type} header that is no media type at all (empty, {@code a/b/c}) with
 * 400 problem+json naming the header, on every endpoint, before routing: the router parses the
 * header to match {@code @Consumes}, and its parse failure would otherwise surface as a 500.
 *
 * <p>Pre-matching is safe here: the filter reads one header, never the body (see
 * {@link BodySizeLimit} for why a body must not be read before matching). A parseable but
 * unsupported type still reaches the router, which answers 415.
 */
@Provider
@PreMatching
public class ContentTypeCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return;
        }
        try {
            MediaType.valueOf(contentType);
        } catch (IllegalArgumentException unparseable) {
            request.abortWith(ProblemMappers.respond(400, "INVALID_FIELD", HttpHeaders.CONTENT_TYPE,
                    "Content-Type is not a media type (type/subtype, e.g. application/json)",
                    request.getUriInfo()));
        }
    }
}
