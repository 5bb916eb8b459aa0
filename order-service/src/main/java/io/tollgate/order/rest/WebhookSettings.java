package io.tollgate.order.rest;

import io.tollgate.order.api.ListOrderChangesQuery;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The limits of webhook subscriptions and their delivery ({@code tollgate.order.webhooks.*}),
 * checked once at start-up: a value out of its range stops the service instead of misbehaving later.
 */
@Singleton
public class WebhookSettings {

    private static final String PREFIX = "tollgate.order.webhooks.";
    private static final Duration TIMEOUT_MAX = Duration.ofMinutes(5);
    /** The longest an old secret may go on signing after a rotation. */
    static final Duration SECRET_GRACE_MAX = Duration.ofDays(7);
    private static final Duration LEASE_MAX = Duration.ofHours(1);

    private final boolean enabled;
    private final Set<String> httpHosts;
    private final int perClientMax;
    private final int batchMax;
    private final Duration timeout;
    private final Duration backoffFirst;
    private final Duration backoffMax;
    private final int failuresMax;
    private final Duration poll;
    private final int concurrency;
    private final Duration secretGrace;
    private final Duration lease;

    public WebhookSettings(
            @ConfigProperty(name = PREFIX + "enabled") boolean enabled,
            @ConfigProperty(name = PREFIX + "http-hosts") List<String> httpHosts,
            @ConfigProperty(name = PREFIX + "per-client-max") int perClientMax,
            @ConfigProperty(name = PREFIX + "batch-max") int batchMax,
            @ConfigProperty(name = PREFIX + "timeout") Duration timeout,
            @ConfigProperty(name = PREFIX + "backoff-first") Duration backoffFirst,
            @ConfigProperty(name = PREFIX + "backoff-max") Duration backoffMax,
            @ConfigProperty(name = PREFIX + "failures-max") int failuresMax,
            @ConfigProperty(name = PREFIX + "poll") Duration poll,
            @ConfigProperty(name = PREFIX + "concurrency") int concurrency,
            @ConfigProperty(name = PREFIX + "secret-grace") Duration secretGrace,
            @ConfigProperty(name = PREFIX + "lease") Duration lease) {
        this.enabled = enabled;
        this.httpHosts = httpHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.perClientMax = within("per-client-max", perClientMax, 1, 1_000);
        this.batchMax = within("batch-max", batchMax, 1, ListOrderChangesQuery.LIMIT_MAX);
        this.failuresMax = within("failures-max", failuresMax, 1, 10_000);
        this.concurrency = within("concurrency", concurrency, 1, 64);
        this.timeout = positive("timeout", timeout, TIMEOUT_MAX);
        this.backoffFirst = positive("backoff-first", backoffFirst, Duration.ofDays(1));
        this.backoffMax = positive("backoff-max", backoffMax, Duration.ofDays(1));
        this.poll = positive("poll", poll, Duration.ofMinutes(1));
        this.secretGrace = positive("secret-grace", secretGrace, SECRET_GRACE_MAX);
        this.lease = positive("lease", lease, LEASE_MAX);
        if (lease.compareTo(timeout.multipliedBy(2)) <= 0) {
            throw new IllegalStateException(PREFIX + "lease (" + lease + ") must be longer than one attempt,"
                    + " twice the timeout (" + timeout.multipliedBy(2) + ")");
        }
        if (backoffMax.compareTo(backoffFirst) < 0) {
            throw new IllegalStateException(PREFIX + "backoff-max (" + backoffMax + ") is below backoff-first ("
                    + backoffFirst + ")");
        }
    }

    private static int within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalStateException(PREFIX + name + " must be in [" + min + ", " + max + "]: " + value);
        }
        return value;
    }

    private static Duration positive(String name, Duration value, Duration max) {
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalStateException(PREFIX + name + " must be above zero and at most " + max + ": "
                    + value);
        }
        return value;
    }

    /** Whether this instance runs the delivery worker (subscriptions are managed either way). */
    boolean enabled() {
        return enabled;
    }

    /** Hosts (lower case) a subscription may name with plain {@code http://}. */
    Set<String> httpHosts() {
        return httpHosts;
    }

    int perClientMax() {
        return perClientMax;
    }

    /** Changes per delivery, at most a feed page. */
    int batchMax() {
        return batchMax;
    }

    /** Bound on connecting, and on the answer once connected. */
    Duration timeout() {
        return timeout;
    }

    Duration backoffFirst() {
        return backoffFirst;
    }

    Duration backoffMax() {
        return backoffMax;
    }

    /** Failed deliveries in a row that suspend a subscription. */
    int failuresMax() {
        return failuresMax;
    }

    /** How often the worker looks for due subscriptions when nothing woke it. */
    Duration poll() {
        return poll;
    }

    /** Subscriptions delivered at once per instance (each holds a thread while it posts). */
    int concurrency() {
        return concurrency;
    }

    /** How long after a rotation deliveries are signed with the old secret too; then it is erased. */
    Duration secretGrace() {
        return secretGrace;
    }

    /**
     * How long an instance holds a subscription it delivers without renewing: longer than one
     * attempt (twice the timeout); another instance takes over once a dead one's lease lapsed.
     */
    Duration lease() {
        return lease;
    }
}
