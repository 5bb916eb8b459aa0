package io.tollgate.order.rest;

import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/webhooks}.
 *
 * @param url         where order-service posts the changes: absolute {@code https://}, or
 *                    {@code http://} to a host of {@code tollgate.order.webhooks.http-hosts} (the
 *                    local stack's); no user-info; at most {@value #URL_CHARS_MAX} characters
 * @param startAfter  a feed cursor: deliver the changes after it; absent, only changes from now on
 * @param description for people, at most {@value #DESCRIPTION_CHARS_MAX} characters
 */
public record WebhookRequestBody(
        @Schema(maxLength = WebhookRequestBody.URL_CHARS_MAX, required = true) String url,
        @Schema(nullable = true) String startAfter,
        @Schema(nullable = true, maxLength = WebhookRequestBody.DESCRIPTION_CHARS_MAX) String description) {

    public static final int URL_CHARS_MAX = 2_000;
    public static final int DESCRIPTION_CHARS_MAX = 200;
    static final String URL = "url";
    static final String START_AFTER = "startAfter";
    static final String DESCRIPTION = "description";

    /**
     * The url, checked: 422 naming {@code url} when it is missing ({@code INVALID_FIELD}), longer
     * than {@value #URL_CHARS_MAX} ({@code LIMIT_EXCEEDED}) or not one order-service may post to
     * ({@code WEBHOOK_URL_NOT_ALLOWED}).
     *
     * @param httpHosts the hosts plain http may go to (lower case)
     */
    URI validatedUrl(Set<String> httpHosts) {
        if (url == null || url.isBlank()) {
            throw new ProblemException(422, "INVALID_FIELD", URL, "url is required");
        }
        if (url.length() > URL_CHARS_MAX) {
            throw ProblemException.limitExceeded(422, URL, "url must be at most " + URL_CHARS_MAX
                    + " characters, got " + url.length());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw notAllowed("url is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || host == null) {
            throw notAllowed("url must be absolute, with a host (https://erp.example.com/tollgate)");
        }
        if (uri.getRawUserInfo() != null) {
            throw notAllowed("url must not carry user-info (credentials belong nowhere in a URL)");
        }
        boolean allowed = scheme.equals("https") || scheme.equals("http") && httpHosts.contains(host);
        if (!allowed) {
            throw notAllowed("url must be https://, or http:// only to " + httpHosts
                    + " (tollgate.order.webhooks.http-hosts)");
        }
        return uri;
    }

    /** The description, trimmed, or null; 422 LIMIT_EXCEEDED naming it when too long. */
    String validatedDescription() {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > DESCRIPTION_CHARS_MAX) {
            throw ProblemException.limitExceeded(422, DESCRIPTION, "description must be at most "
                    + DESCRIPTION_CHARS_MAX + " characters, got " + description.length());
        }
        return description.trim();
    }

    /**
     * The feed position to deliver after, decoded as the feed decodes its cursors; null when none
     * was given. A cursor the feed did not give is a 400 naming {@code startAfter}.
     */
    Long startAfterPosition() {
        if (startAfter == null || startAfter.isEmpty()) {
            return null;
        }
        try {
            return PageCursor.decode(startAfter);
        } catch (ProblemException e) {
            throw ProblemException.badRequest(START_AFTER, "startAfter must be a cursor the change feed gave");
        }
    }

    private static ProblemException notAllowed(String detail) {
        return new ProblemException(422, "WEBHOOK_URL_NOT_ALLOWED", URL, detail);
    }
}
