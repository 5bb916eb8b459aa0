package io.tollgate.order.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.concurrent.Wakeup;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.kafka.RetryLaterException;
import io.tollgate.eventing.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns the pending lines of stored batches into orders, through the same intake as
 * {@code POST /api/v1/orders}: each line under its own Idempotency-Key and the batch's client, so a
 * line retried (in this batch after a crash, in another batch, or as a single request) never makes a
 * second order. A line's order and its ACCEPTED state commit in one transaction.
 *
 * <p>Lines go in parts of {@code tollgate.order.batch.lines-per-commit}: each part's lines are
 * parsed and fingerprinted and their keys looked up in one statement on the worker's threads, then
 * the part's new orders, key rows and ACCEPTED states are made in one transaction
 * ({@link OrderIntake#createAll}); several parts are in flight so their transactions share group
 * commits. A part that fails as a whole (a rejected line, a key taken meanwhile) stored nothing:
 * its lines are then run one by one through the single-request intake, which answers each exactly.
 *
 * <p>One instance works a batch at a time, under a lease in the batch's row that it renews per
 * chunk of lines; a batch whose instance died is taken over when its lease runs out, and picks up
 * at its first pending line.
 */
@ApplicationScoped
public class BatchWorker {

    private static final Logger LOG = Logger.getLogger(BatchWorker.class);
    /** Lines read and run per round (and per lease renewal). */
    private static final int CHUNK = 512;
    /** A line that fails for a reason that is not a problem this many times is rejected. */
    static final int ATTEMPTS_MAX = 5;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration IDLE_LOOK = Duration.ofSeconds(1);

    private final BatchStore store;
    private final OrderIntake intake;
    private final ObjectMapper json;
    private final int concurrency;
    private final int linesPerCommit;
    private final String worker;
    private final Wakeup wake = new Wakeup();
    private volatile boolean running;
    private ExecutorService lines;
    private Thread loop;

    public BatchWorker(BatchStore store, OrderIntake intake, ObjectMapper json,
                       @ConfigProperty(name = "tollgate.order.batch.concurrency") int concurrency,
                       @ConfigProperty(name = "tollgate.order.batch.lines-per-commit") int linesPerCommit,
                       @ConfigProperty(name = "tollgate.node-id") String nodeId) {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalStateException("tollgate.order.batch.concurrency must be in [1, 256]: " + concurrency);
        }
        if (linesPerCommit < 1 || linesPerCommit > CHUNK) {
            throw new IllegalStateException("tollgate.order.batch.lines-per-commit must be in [1, " + CHUNK
                    + "]: " + linesPerCommit);
        }
        this.linesPerCommit = linesPerCommit;
        this.store = store;
        this.intake = intake;
        this.json = json;
        this.concurrency = concurrency;
        this.worker = nodeId + "/" + UUID.randomUUID();
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        lines = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "tollgate-batch-line");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "tollgate-batches");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        nudge();
        if (lines != null) {
            lines.shutdown();
            try {
                lines.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A batch was stored: look now rather than at the next idle look. */
    void nudge() {
        wake.wake();
    }

    private void run() {
        while (running) {
            long seen = wake.seen();
            try {
                Optional<BatchStore.Batch> batch = store.claimNext(worker, Instant.now(), Instant.now().plus(LEASE));
                if (batch.isPresent()) {
                    work(batch.get());
                    continue;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "batch work failed; trying again in %s", IDLE_LOOK);
            }
            if (!wake.await(seen, IDLE_LOOK)) {
                return;
            }
        }
    }

    private void work(BatchStore.Batch batch) {
        // Walks the batch in line order; lines left pending behind the walk (a part that waits for
        // a later round, a line tried again) are taken when it starts over from the first line.
        int after = 0;
        while (running) {
            List<BatchStore.Pending> pending = store.pending(batch.batchId(), after, CHUNK);
            if (pending.isEmpty() && after > 0) {
                after = 0;
                continue;
            }
            if (pending.isEmpty()) {
                if (store.finishIfDone(batch.batchId(), Instant.now())) {
                    LOG.infof("batch %s finished", batch.batchId());
                }
                return;
            }
            after = pending.get(pending.size() - 1).lineNo();
            List<Future<?>> submitted = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += linesPerCommit) {
                List<BatchStore.Pending> part =
                        pending.subList(from, Math.min(pending.size(), from + linesPerCommit));
                // The part's commands carry the uploader's principal, as its lines sent one by one would.
                submitted.add(lines.submit(() -> PrincipalInterceptor.callAs(batch.client(), () -> {
                    part(batch, part);
                    return null;
                })));
            }
            for (Future<?> line : submitted) {
                try {
                    line.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    LOG.warnf(e.getCause(), "a line of batch %s failed", batch.batchId());
                }
            }
            if (!store.renew(batch.batchId(), worker, Instant.now(), Instant.now().plus(LEASE))) {
                LOG.warnf("batch %s was taken over by another instance", batch.batchId());
                return;
            }
        }
    }

    /**
     * Makes the orders of a part of the batch's lines: lines whose key this client used before are
     * answered with that order (same request) in one statement, new keys are created together in
     * one transaction; the rest (unreadable, a key used for another request or repeated within the
     * part, a part that failed as a whole) run one by one, after the part committed.
     */
    private void part(BatchStore.Batch batch, List<BatchStore.Pending> part) {
        List<BatchStore.Pending> alone = new ArrayList<>();
        Map<String, BatchStore.Pending> byKey = new LinkedHashMap<>();
        Map<String, OrderIntake.Keyed> requests = new LinkedHashMap<>();
        for (BatchStore.Pending line : part) {
            if (byKey.containsKey(line.idempotencyKey())) {
                alone.add(line);
                continue;
            }
            try {
                OrderRequestBody body = json.readValue(line.body(), OrderRequestBody.class);
                requests.put(line.idempotencyKey(),
                        new OrderIntake.Keyed(line.idempotencyKey(), body, body.fingerprint()));
                byKey.put(line.idempotencyKey(), line);
            } catch (IOException | RuntimeException e) {
                alone.add(line);
            }
        }
        if (!createPart(batch, byKey, requests, alone)) {
            return;
        }
        alone.sort(Comparator.comparingInt(BatchStore.Pending::lineNo));
        for (BatchStore.Pending line : alone) {
            line(batch, line);
        }
    }

    /** False when the service cannot take writes now: the part's lines stay pending for a later round. */
    private boolean createPart(BatchStore.Batch batch, Map<String, BatchStore.Pending> byKey,
                               Map<String, OrderIntake.Keyed> requests, List<BatchStore.Pending> alone) {
        Map<String, OrderIntake.StoredKey> stored =
                intake.stored(batch.client(), new ArrayList<>(byKey.keySet()));
        List<Integer> knownLines = new ArrayList<>();
        List<String> knownOrders = new ArrayList<>();
        List<Integer> newLines = new ArrayList<>();
        List<BatchStore.Pending> freshLines = new ArrayList<>();
        List<OrderIntake.Keyed> fresh = new ArrayList<>();
        for (Map.Entry<String, BatchStore.Pending> line : byKey.entrySet()) {
            OrderIntake.StoredKey known = stored.get(line.getKey());
            OrderIntake.Keyed request = requests.get(line.getKey());
            if (known == null) {
                newLines.add(line.getValue().lineNo());
                freshLines.add(line.getValue());
                fresh.add(request);
            } else if (known.requestHash().equals(request.fingerprint())) {
                // A retried line, or one sent before as a single request: the same order.
                knownLines.add(line.getValue().lineNo());
                knownOrders.add(known.orderId());
            } else {
                alone.add(line.getValue()); // its 409 comes from the single-request intake
            }
        }
        if (!knownLines.isEmpty()) {
            store.acceptAll(batch.batchId(), knownLines, knownOrders);
        }
        if (fresh.isEmpty()) {
            return true;
        }
        try {
            intake.createAll(batch.client(), fresh,
                    orderIds -> store.acceptAll(batch.batchId(), newLines, orderIds));
        } catch (RuntimeException e) {
            if (!running || Causes.find(e, RetryLaterException.class).isPresent()) {
                LOG.infof("%d lines of batch %s wait for a later round: %s", fresh.size(), batch.batchId(),
                        e.getMessage());
                return false;
            }
            LOG.infof("%d lines of batch %s run one by one, their part failed as a whole: %s", fresh.size(),
                    batch.batchId(), e.toString());
            alone.addAll(freshLines);
        }
        return true;
    }

    private void line(BatchStore.Batch batch, BatchStore.Pending line) {
        try {
            OrderRequestBody body = json.readValue(line.body(), OrderRequestBody.class);
            OrderIntake.Outcome outcome = intake.request(line.idempotencyKey(), body, batch.client(),
                    orderId -> store.accept(batch.batchId(), line.lineNo(), orderId));
            if (!outcome.created()) {
                // The key's order was made before (a retried line or an earlier request): same order.
                store.accept(batch.batchId(), line.lineNo(), outcome.orderId());
            }
        } catch (ProblemException e) {
            store.reject(batch.batchId(), line.lineNo(), e);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "line %d of batch %s failed (attempt %d)", line.lineNo(), batch.batchId(),
                    line.attempts() + 1);
            store.attempted(batch.batchId(), line.lineNo());
            if (line.attempts() + 1 >= ATTEMPTS_MAX) {
                store.reject(batch.batchId(), line.lineNo(), new ProblemException(500, "LINE_FAILED", null,
                        "the line failed " + ATTEMPTS_MAX + " times: " + e.getMessage()));
            }
        }
    }
}
