package io.tollgate.eventing.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every {@link StrongETag} read its tag and answers a matching {@code If-None-Match} with 304.
 * The body is serialized once here and sent as those bytes, so the tag is exactly the body's.
 */
@Provider
@StrongETag
public class StrongETagFilter implements ContainerResponseFilter {

    private final ETags etags;

    public StrongETagFilter(ETags etags) {
        this.etags = etags;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod()) || response.getStatus() != 200 || !response.hasEntity()) {
            return;
        }
        byte[] body = etags.bodyOf(response.getEntity());
        String tag = ETags.tagOf(body);
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        String ifNoneMatch = request.getHeaderString(ETags.IF_NONE_MATCH);
        if (ifNoneMatch != null && ETags.anyMatches(ifNoneMatch, tag, true)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            return;
        }
        response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }
}
