package io.tollgate.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.concurrent.Wakeup;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.order.api.ListOrderChangesQuery;
import io.tollgate.order.api.OrderChange;
import io.tollgate.order.api.OrderChangePage;
import io.tollgate.order.query.FeedSignal;
import io.tollgate.order.query.OrderFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pushes each ACTIVE webhook subscription's changes to its endpoint: the change feed read after the
 * subscription's cursor exactly as its client reads it, one batch in flight per subscription, signed
 * ({@link WebhookSignature}); a 2xx moves the cursor and the next batch follows at once, anything else
 * keeps it and sends the same batch (same delivery id) again after a doubling, jittered backoff,
 * until too many failures in a row suspend the subscription.
 *
 * <p>Instances share the table: a subscription is delivered under a lease in its row, claimed with a
 * conditional UPDATE and renewed before every post, which starts only while the lease holds and
 * lasts less than it; a dead instance's lease lapses after {@link #lease()} and another instance
 * continues from the stored cursor. At least once: a crash between the endpoint's 2xx and the
 * cursor's update sends that batch again.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    /** Answer bytes read (and thrown away) before the connection is dropped: the body is ignored. */
    static final int ANSWER_BYTES_MAX = 4_096;
    /** Batches one claim delivers before the lease is given up, so other subscriptions get a turn. */
    private static final int BATCHES_PER_CLAIM = 50;
    static final String WEBHOOK_ID = "Tollgate-Webhook-Id";
    static final String DELIVERY_ID = "Tollgate-Delivery-Id";

    private final WebhookStore store;
    private final OrderFeed feed;
    private final QueryGateway queries;
    private final ObjectMapper json;
    private final WebhookSettings settings;
    private final String worker;
    private final Counter delivered;
    private final Counter failed;
    private final AtomicLong suspended = new AtomicLong();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final FeedSignal signal;
    private final Wakeup wake = new Wakeup();
    /** Listens to the feed's commits: kept so the same object is passed to unlisten. */
    private final Runnable onFeedCommit = this::nudge;
    private volatile boolean running;
    /** Set by {@link #halt}: no thread of this worker writes to the database any more. */
    private volatile boolean halted;
    private ExecutorService deliveries;
    private HttpClient http;
    private Thread loop;

    public WebhookWorker(WebhookStore store, OrderFeed feed, FeedSignal signal, QueryGateway queries,
                         ObjectMapper json, WebhookSettings settings, MeterRegistry meters,
                         @ConfigProperty(name = "tollgate.node-id") String nodeId) {
        this.store = store;
        this.feed = feed;
        this.signal = signal;
        this.queries = queries;
        this.json = json;
        this.settings = settings;
        this.worker = nodeId + "/" + UUID.randomUUID();
        this.delivered = Counter.builder("tollgate.order.webhook.deliveries").tag("outcome", "delivered")
                .description("Webhook batches posted, by outcome").register(meters);
        this.failed = Counter.builder("tollgate.order.webhook.deliveries").tag("outcome", "failed")
                .description("Webhook batches posted, by outcome").register(meters);
        Gauge.builder("tollgate.order.webhooks.suspended", suspended, AtomicLong::get)
                .description("Webhook subscriptions SUSPENDED after too many failed deliveries").register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("webhook delivery is off (tollgate.order.webhooks.enabled=false)");
            return;
        }
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /**
     * Starts delivering: a loop that looks for due subscriptions at once, whenever this instance's
     * feed commits changes, after a registration or resume here, and every {@code poll} (for
     * changes other instances commit and retries that come due). The service starts one at start-up
     * when {@code enabled}; a test may start more on the same database, each its own instance.
     */
    public void start() {
        running = true;
        deliveries = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "tollgate-webhook-delivery");
            t.setDaemon(true);
            return t;
        });
        // HTTP/1.1: every receiver speaks it, and no h2c upgrade is tried on a plain http:// one.
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        signal.listen(onFeedCommit);
        loop = new Thread(this::run, "tollgate-webhooks");
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops after the batches on their way (each within its timeout), their leases given up. */
    public void stop() {
        running = false;
        signal.unlisten(onFeedCommit);
        nudge();
        if (deliveries != null) {
            deliveries.shutdown();
            try {
                deliveries.awaitTermination(settings.timeout().toSeconds() * 2 + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops as a killed process stops, for tests of the lease: the delivery threads are interrupted
     * (a post on its way is dropped) and write nothing more, and the leases this worker holds stay in
     * their rows until they lapse. Returns once no thread of this worker runs.
     */
    public void halt() {
        halted = true;
        running = false;
        signal.unlisten(onFeedCommit);
        nudge();
        try {
            if (deliveries != null) {
                deliveries.shutdownNow();
                deliveries.awaitTermination(settings.timeout().toSeconds() * 2 + 5, TimeUnit.SECONDS);
            }
            if (loop != null) {
                loop.join(settings.timeout().toMillis() * 2 + 5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Look now rather than at the next poll: a subscription was registered or resumed, this
     * instance's feed committed changes, or a delivery thread came free. Returns at once.
     */
    void nudge() {
        wake.wake();
    }

    /** Longer than one attempt (connect plus answer) with room for the database writes around it. */
    Duration lease() {
        return settings.lease();
    }

    /**
     * Looks, then waits for a wake or the poll interval. A wake during a look is kept for the next
     * wait, and many wakes together cost one more look: at most one look runs at a time. The gauge
     * and the erasure of old secrets run once per poll interval, not on every wake.
     */
    private void run() {
        long housekeptAt = System.nanoTime() - settings.poll().toNanos();
        while (running) {
            long seen = wake.seen();
            try {
                dispatch();
                if (System.nanoTime() - housekeptAt >= settings.poll().toNanos()) {
                    housekeptAt = System.nanoTime();
                    suspended.set(store.suspendedCount());
                    store.eraseExpiredSecrets(Instant.now());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "webhook dispatch failed; looking again in %s", settings.poll());
            }
            if (!wake.await(seen, settings.poll())) {
                return;
            }
        }
    }

    /** Claims due subscriptions up to the free delivery threads and hands each to one. */
    private void dispatch() {
        int free = settings.concurrency() - inFlight.size();
        if (free <= 0) {
            return;
        }
        Instant now = Instant.now();
        long feedEnd = feed.end();
        for (String id : store.due(now, feedEnd, worker, free + inFlight.size())) {
            if (inFlight.size() >= settings.concurrency() || inFlight.contains(id)
                    || !store.claim(id, worker, now, now.plus(lease()))) {
                continue;
            }
            inFlight.add(id);
            try {
                deliveries.submit(() -> deliver(id));
            } catch (RuntimeException e) {
                inFlight.remove(id); // shutting down: the lease lapses or another instance takes it
                if (!halted) {
                    store.release(id, worker);
                }
            }
        }
    }

    /** Posts the subscription's batches while its endpoint takes them, at most {@link #BATCHES_PER_CLAIM}. */
    private void deliver(String id) {
        boolean failedHere = false;
        try {
            for (int batch = 0; batch < BATCHES_PER_CLAIM && running; batch++) {
                if (!deliverOne(id)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            failedHere = true;
            LOG.warnf(e, "webhook %s: delivery stopped by a failure of this service; the lease lapses", id);
        } finally {
            if (!halted) {
                store.release(id, worker);
            }
            inFlight.remove(id);
            if (!failedHere) {
                // A thread came free: subscriptions left waiting for one are taken up now. Not after a
                // failure of this service (its database, say): that waits for the poll, not a spin.
                nudge();
            }
        }
    }

    /** One batch; true when the endpoint took it and the next may follow at once. */
    private boolean deliverOne(String id) {
        WebhookStore.Subscription subscription = store.byId(id, null).orElse(null);
        if (subscription == null || subscription.state() != WebhookViews.State.ACTIVE) {
            return false; // deleted or suspended meanwhile
        }
        long feedEnd = feed.end();
        List<OrderChange> changes = batch(subscription);
        if (changes.isEmpty()) {
            store.seen(id, worker, feedEnd);
            return false;
        }
        long through = changes.get(changes.size() - 1).position();
        Instant held = Instant.now();
        if (!store.hold(id, worker, through, held, held.plus(lease()))) {
            return false; // the lease lapsed, or went to another instance
        }
        String deliveryId = UUID.nameUUIDFromBytes((id + "\n" + subscription.cursor() + "\n" + through)
                .getBytes(StandardCharsets.UTF_8)).toString();
        String status = post(subscription, deliveryId, changes, through);
        if (halted) {
            return false; // as if the process had died here: nothing more is written
        }
        Instant now = Instant.now();
        if (status.length() == 3 && status.charAt(0) == '2') {
            delivered.increment();
            LOG.debugf("webhook %s: delivery %s took %d changes through %d", id, deliveryId, changes.size(),
                    through);
            return store.delivered(id, worker, through, now, status, now.plus(lease()));
        }
        failed.increment();
        int failures = subscription.consecutiveFailures() + 1;
        if (failures >= settings.failuresMax()) {
            String reason = failures + " deliveries in a row failed (tollgate.order.webhooks.failures-max);"
                    + " the last answered " + status;
            store.suspend(id, worker, now, status, failures, reason);
            LOG.warnf("webhook %s suspended: %s", id, reason);
        } else {
            Duration wait = backoff(failures);
            store.failed(id, worker, now, status, failures, now.plus(wait));
            LOG.infof("webhook %s: delivery %s failed (%s), attempt %d; next in %s", id, deliveryId, status,
                    failures, wait);
        }
        return false;
    }

    /**
     * The changes after the subscription's cursor as the feed gives them to its client; a batch in
     * flight is cut at its pinned end, so a retry carries the same changes (rows never move and none
     * is numbered below a readable one, so the same read finds the same rows).
     */
    private List<OrderChange> batch(WebhookStore.Subscription subscription) {
        OrderChangePage page = queries.query(new ListOrderChangesQuery(subscription.cursor(), subscription.client(),
                settings.batchMax()), ResponseTypes.instanceOf(OrderChangePage.class)).join();
        Long pinned = subscription.pendingThrough();
        return pinned == null ? page.items()
                : page.items().stream().filter(c -> c.position() <= pinned).toList();
    }

    /** Posts the batch; the answer's status ("200", "500") or the error's name. */
    private String post(WebhookStore.Subscription subscription, String deliveryId, List<OrderChange> changes,
                        long through) {
        byte[] body = body(new WebhookViews.Delivery(subscription.id(), deliveryId,
                changes.stream().map(OrderChangeView::of).toList(), PageCursor.encode(through)));
        Instant now = Instant.now();
        long unixSeconds = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url())).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(WEBHOOK_ID, subscription.id())
                .header(DELIVERY_ID, deliveryId)
                .header(WebhookSignature.HEADER, WebhookSignature.header(subscription.signingSecrets(now),
                        unixSeconds, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, info -> new IgnoredBody());
        try {
            // Connect and answer within the timeout each; the whole exchange within both.
            return String.valueOf(answer.get(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)
                    .statusCode());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "TIMEOUT";
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return "INTERRUPTED";
        } catch (ExecutionException e) {
            return errorName(e.getCause());
        }
    }

    static String errorName(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "CONNECT_TIMEOUT";
        }
        if (failure instanceof HttpTimeoutException) {
            return "TIMEOUT";
        }
        if (failure instanceof ConnectException) {
            return "CONNECTION_REFUSED";
        }
        return "IO_ERROR";
    }

    /** The wait before attempt {@code failures + 1} under this instance's settings. */
    private Duration backoff(int failures) {
        return backoff(settings.backoffFirst(), settings.backoffMax(), failures, ThreadLocalRandom.current());
    }

    /**
     * The wait before attempt {@code failures + 1}: {@code first} doubled per failure after the
     * first, capped at {@code max}, less up to a quarter at random so subscriptions that failed
     * together do not retry together.
     */
    static Duration backoff(Duration first, Duration max, int failures, RandomGenerator random) {
        if (failures < 1) {
            throw new IllegalArgumentException("a backoff follows a failure: " + failures);
        }
        long maxMs = max.toMillis();
        long ms = Math.min(first.toMillis(), maxMs);
        for (int doubled = 1; doubled < failures && ms < maxMs; doubled++) {
            ms = Math.min(maxMs, ms * 2);
        }
        return Duration.ofMillis(ms - random.nextLong(ms / 4 + 1));
    }

    private byte[] body(WebhookViews.Delivery delivery) {
        try {
            return json.writeValueAsBytes(delivery);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a delivery always serialises", e);
        }
    }

    /**
     * Reads at most {@link #ANSWER_BYTES_MAX} of an answer and then drops the connection: the body
     * says nothing order-service acts on, and an endless one must not hold a delivery thread.
     */
    private static final class IgnoredBody implements HttpResponse.BodySubscriber<Void> {

        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long read;

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                read += buffer.remaining();
            }
            if (read > ANSWER_BYTES_MAX) {
                subscription.cancel();
                done.complete(null);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
