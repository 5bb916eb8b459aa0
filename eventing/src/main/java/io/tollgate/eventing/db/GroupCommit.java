package io.tollgate.eventing.db;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.axon.ConcurrencyRetry;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.kafka.RetryLaterException;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tollgate.eventing.trace.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Group commit: the writes of concurrent requests share one database transaction and one commit,
 * and each caller is answered only after the commit that holds its own write. One committer thread
 * takes what has queued up while the previous commit ran, so a lone request waits for no one and a
 * crowd pays one commit (one fsync) for many writes.
 *
 * <p>One, not several: two open group transactions can deadlock across the JVM and the database.
 * A member of group A appends to an aggregate and releases Axon's aggregate lock, but its row stays
 * uncommitted; a member of group B takes the lock and waits on that row; A's next member for the
 * same aggregate waits on the lock — until the transaction timeout aborts both (seen with
 * concurrent payments on one order).
 *
 * <p>A member whose work fails is taken out and run alone in its own transaction (with the bounded
 * retry of a lost aggregate race); the others are tried again as a group without it, so one bad
 * request never fails another. A failed commit runs every member alone. A member's work may
 * therefore run more than once, each time in a transaction that rolled back: it must keep no
 * state outside the transaction. Commands it sends carry the principal and the trace context of
 * the caller who submitted it, and the lines it logs the caller's order id and event id.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** How long an idle committer waits for work before it checks whether it should stop. */
    private static final long IDLE_POLL_MS = 200;

    private final int membersMax;
    private final long answerWaitMs;
    private final BlockingQueue<Member<?>> queue;
    private final DistributionSummary groupSizes;
    private final Timer commits;
    private volatile boolean running;
    private ExecutorService threads;

    /**
     * One caller's work, what it writes (for messages), whose principal, trace context and log
     * context it runs in, and its outcome.
     */
    private record Member<T>(String what, Callable<T> work, String principal, Context trace,
                             String orderId, String eventId, CompletableFuture<T> outcome) {

        T run() throws Exception {
            try (Scope scope = trace.makeCurrent();
                 LogContext log = LogContext.of(orderId, eventId)) {
                T result = PrincipalInterceptor.callAs(principal, work);
                LOG.debugf("group commit: %s written", what);
                return result;
            }
        }
    }

    public GroupCommit(@ConfigProperty(name = "tollgate.group-commit.members-max") int membersMax,
                       @ConfigProperty(name = "tollgate.group-commit.queue-max") int queueMax,
                       @ConfigProperty(name = "tollgate.group-commit.answer-wait-ms") long answerWaitMs,
                       MeterRegistry meters) {
        require(membersMax, 1, 10_000, "tollgate.group-commit.members-max");
        require(queueMax, 1, 1_000_000, "tollgate.group-commit.queue-max");
        require(answerWaitMs, 100, 600_000, "tollgate.group-commit.answer-wait-ms");
        this.membersMax = membersMax;
        this.answerWaitMs = answerWaitMs;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.groupSizes = DistributionSummary.builder("tollgate.group.commit.members")
                .description("Writes that shared one transaction and commit").register(meters);
        this.commits = Timer.builder("tollgate.group.commit.duration")
                .description("Time to run and commit one group of writes").register(meters);
        Gauge.builder("tollgate.group.commit.queued", queue, BlockingQueue::size)
                .description("Writes waiting for a committer").register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        threads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tollgate-group-commit");
            t.setDaemon(true);
            return t;
        });
        threads.submit(this::commitUntilStopped);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (threads != null) {
            threads.shutdown();
            try {
                threads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Member<?> left; (left = queue.poll()) != null; ) {
            left.outcome().completeExceptionally(new RetryLaterException("the service is stopping"));
        }
    }

    /**
     * Runs {@code work} in a transaction shared with other callers' work and answers its result once
     * that transaction committed; its own failure is thrown as it was. A write not answered within
     * the answer wait, or refused because too many are queued, fails as {@link RetryLaterException}
     * (a 503: the caller may send the same request again with its Idempotency-Key).
     *
     * @param what names what the work writes, e.g. "order 42", in a 409 after repeated lost races
     */
    public <T> T call(String what, Callable<T> work) {
        if (!running) {
            throw new RetryLaterException("writes are not taken yet or any more (the service is starting or stopping)");
        }
        Member<T> member = new Member<>(what, work, PrincipalInterceptor.caller(),
                Context.current(), LogContext.orderId(), LogContext.eventId(),
                new CompletableFuture<>());
        try {
            if (!queue.offer(member, answerWaitMs, TimeUnit.MILLISECONDS)) {
                throw new RetryLaterException("too many writes are waiting for a commit (" + queue.size() + ")");
            }
            return member.outcome().get(answerWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for the commit", e);
        } catch (TimeoutException e) {
            throw new RetryLaterException("the write was not committed within " + answerWaitMs + " ms", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private void commitUntilStopped() {
        while (running) {
            try {
                Member<?> first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Member<?>> group = new ArrayList<>(membersMax);
                group.add(first);
                queue.drainTo(group, membersMax - 1);
                Timer.Sample sample = Timer.start();
                commit(group);
                sample.stop(commits);
                groupSizes.record(group.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) { // NOPMD: a committer must outlive any one group
                LOG.errorf(e, "group commit: unexpected failure; the committer goes on");
            }
        }
    }

    /** Commits the group, taking out and running alone each member whose work fails. */
    private void commit(List<Member<?>> group) {
        List<Member<?>> pending = new ArrayList<>(group);
        while (!pending.isEmpty()) {
            int[] at = {-1};
            try {
                List<Object> results = QuarkusTransaction.requiringNew().call(() -> runAll(pending, at));
                for (int i = 0; i < pending.size(); i++) {
                    complete(pending.get(i), results.get(i));
                }
                return;
            } catch (Throwable e) { // NOPMD: whatever failed, every member must get an answer
                if (at[0] < 0) {
                    LOG.debugf("group commit of %d failed (%s); each member runs alone", pending.size(), e);
                    pending.forEach(this::runAlone);
                    return;
                }
                Member<?> failed = pending.remove(at[0]);
                runAlone(failed);
            }
        }
    }

    private static List<Object> runAll(List<Member<?>> members, int[] at) throws Exception {
        List<Object> results = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            at[0] = i;
            results.add(members.get(i).run());
        }
        at[0] = -1;
        return results;
    }

    /** Runs one member in its own transaction, again after a lost aggregate race. */
    private <T> void runAlone(Member<T> member) {
        try {
            T result = ConcurrencyRetry.run(member.what(), () -> QuarkusTransaction.requiringNew().call(member::run));
            member.outcome().complete(result);
        } catch (Throwable e) { // NOPMD: the caller gets its own failure, whatever it is
            member.outcome().completeExceptionally(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Member<T> member, Object result) {
        member.outcome().complete((T) result);
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            return r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("the write failed", failure);
    }

    private static void require(long value, long min, long max, String key) {
        if (value < min || value > max) {
            throw new IllegalStateException(key + " must be in [" + min + ", " + max + "]: " + value);
        }
    }
}
