package io.tollgate.order.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the webhook endpoints answer, and the body order-service posts to a subscriber. */
final class WebhookViews {

    private WebhookViews() {
    }

    /** Where a subscription stands: delivered to, or held until {@code resume}. */
    enum State {
        ACTIVE, SUSPENDED
    }

    /**
     * A subscription just registered: the one answer that carries its secret.
     *
     * @param id        the subscription's id (its URL ends with it)
     * @param url       where the changes are posted
     * @param state     ACTIVE
     * @param createdAt when it was registered
     * @param cursor    the feed cursor delivered up to: changes after it are posted
     * @param secret    the HMAC-SHA256 key of Tollgate-Signature (32 random bytes, base64url); shown
     *                  only here, never again
     */
    @Schema(name = "WebhookCreated")
    record Created(String id, String url, @Schema(nullable = true) String description, State state,
                   Instant createdAt, String cursor, String secret) {
    }

    /**
     * A subscription's secret just rotated: the one answer that carries the new secret.
     *
     * @param id                      the subscription
     * @param secret                  the new HMAC-SHA256 key of Tollgate-Signature (32 random bytes,
     *                                base64url), the first {@code v1}; shown only here, never again
     * @param previousSecretExpiresAt until when deliveries carry a second {@code v1}, under the secret
     *                                current before this rotation; then it is erased
     */
    @Schema(name = "WebhookSecretRotated")
    record SecretRotated(String id, String secret, Instant previousSecretExpiresAt) {
    }

    /**
     * A subscription and its delivery state (never its secret).
     *
     * @param client              the client whose orders' changes it receives
     * @param cursor              the feed cursor delivered up to (moved when the endpoint answered 2xx)
     * @param lastAttemptAt       when the last batch was posted, null before the first
     * @param lastStatus          the last attempt's HTTP status ("200", "500") or error name
     *                            (TIMEOUT, CONNECT_TIMEOUT, CONNECTION_REFUSED, IO_ERROR)
     * @param consecutiveFailures failed attempts since the last 2xx
     * @param nextAttemptAt       when it is posted to next (at once when changes are waiting)
     * @param suspendedReason     why it is SUSPENDED, null while ACTIVE
     */
    @Schema(name = "Webhook")
    record View(String id, String client, String url, @Schema(nullable = true) String description,
                State state, Instant createdAt, String cursor, @Schema(nullable = true) Instant lastAttemptAt,
                @Schema(nullable = true) String lastStatus, int consecutiveFailures, Instant nextAttemptAt,
                @Schema(nullable = true) String suspendedReason) {
    }

    /**
     * The body of one delivery (POSTed to the subscriber).
     *
     * @param subscriptionId the subscription
     * @param deliveryId     the same on every retry of this batch, new for the next batch
     * @param items          the changes, exactly as GET /api/v1/order-changes gives them, in feed order
     * @param nextCursor     the last item's cursor: what the subscription is delivered up to once taken
     */
    record Delivery(String subscriptionId, String deliveryId, List<OrderChangeView> items, String nextCursor) {
    }
}
