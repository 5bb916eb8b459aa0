package io.tollgate.order.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * second order. A line's order and its ACCEPTED state commit in one transaction. Lines run
 * {@code tollgate.order.batch.concurrency} at a time so their transactions share group commits.
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
    private final String worker;
    private final Object wake = new Object();
    private volatile boolean running;
    private ExecutorService lines;
    private Thread loop;

    public BatchWorker(BatchStore store, OrderIntake intake, ObjectMapper json,
                       @ConfigProperty(name = "tollgate.order.batch.concurrency") int concurrency,
                       @ConfigProperty(name = "tollgate.node-id") String nodeId) {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalStateException("tollgate.order.batch.concurrency must be in [1, 256]: " + concurrency);
        }
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
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                Optional<BatchStore.Batch> batch = store.claimNext(worker, Instant.now(), Instant.now().plus(LEASE));
                if (batch.isPresent()) {
                    work(batch.get());
                    continue;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "batch work failed; trying again in %s", IDLE_LOOK);
            }
            synchronized (wake) {
                try {
                    wake.wait(IDLE_LOOK.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void work(BatchStore.Batch batch) {
        while (running) {
            List<BatchStore.Pending> pending = store.pending(batch.batchId(), CHUNK);
            if (pending.isEmpty()) {
                if (store.finishIfDone(batch.batchId(), Instant.now())) {
                    LOG.infof("batch %s finished", batch.batchId());
                }
                return;
            }
            List<Future<?>> submitted = new ArrayList<>(pending.size());
            for (BatchStore.Pending line : pending) {
                submitted.add(lines.submit(() -> line(batch, line)));
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
