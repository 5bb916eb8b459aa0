package io.tollgate.ledger.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.ledger.audit.ChainVerifier;
import io.tollgate.ledger.audit.JournalDigest;
import io.tollgate.ledger.balance.BalanceLine;
import io.tollgate.ledger.balance.BalanceQueries;
import io.tollgate.ledger.balance.BalanceSheet;
import io.tollgate.ledger.journal.EntryHasher;
import io.tollgate.ledger.journal.Generations;
import io.tollgate.ledger.journal.JournalStore;
import io.tollgate.ledger.journal.LedgerWriter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Rebuilds the journal from the topics as a job: replays both topics into the shadow generation
 * while the live one answers and posts, pauses live posting once the replay has reached the live
 * group's committed offsets, replays the rest, and in one transaction swaps the shadow in, verifies
 * it and records the outcome. Anything short of that commit leaves the live generation as it was.
 * One rebuild at a time across every instance (the {@link RebuildLock}).
 */
@ApplicationScoped
public class Rebuilder {

    private static final Logger LOG = Logger.getLogger(Rebuilder.class);
    /** Who a start-up rebuild of an empty journal is recorded as started by. */
    public static final String STARTED_AT_BOOT = "system:start-up";
    /** Balance lines listed as changed in an outcome; the count covers every one. */
    static final int BALANCES_LISTED_MAX = 100;
    /** How long the catch-up waits for this instance's live batch to give back the write permit. */
    private static final Duration PERMIT_WAIT = Duration.ofSeconds(60);
    private static final long PERMIT_POLL_MS = 500;

    private final LedgerWriter writer;
    private final RebuildLock lock;
    private final RebuildJobs jobs;
    private final Replayer replayer;
    private final ChainVerifier verifier;
    private final BalanceQueries balances;
    private final Databases databases;
    private final boolean rebuildOnEmptyStart;
    private final boolean consumersEnabled;
    private final Duration swapMax;
    private final Counter finished;
    private final AtomicReference<Running> running = new AtomicReference<>();
    private final AtomicLong eventsDone = new AtomicLong();
    private final AtomicLong eventsTotal = new AtomicLong();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-rebuild");
        t.setDaemon(true);
        return t;
    });

    /** One balance line that differs between the previous and the new generation. */
    public record BalanceChange(String account, String currency, long previousMinor, long newMinor) {
    }

    /**
     * What a rebuild did and what differs from the generation it replaced.
     *
     * @param replay     what the replay read, posted and refused
     * @param generation the new live generation's number (0 when it was not swapped in)
     * @param previousDigest the balance digest of the generation replaced, {@code digest} the new one's
     * @param previousJournalDigest the {@link JournalDigest} of the generation replaced, which an
     *     entry altered or lost changes even where balances stay the same; {@code journalDigest} the
     *     new one's
     * @param balanceChanges the first {@value #BALANCES_LISTED_MAX} differing balance lines
     */
    public record Outcome(Replayer.Counts replay, long generation, int chains, long verifiedEntries,
                          String previousDigest, String digest, String previousJournalDigest,
                          String journalDigest, long balanceChangeCount, List<BalanceChange> balanceChanges,
                          Generations.EntryDifference entries, long swapMillis, SwapPhases swapPhases,
                          String error) {

        static Outcome failed(Replayer.Counts replay, String error) {
            return new Outcome(replay, 0, 0, 0, null, null, null, null, 0, List.of(), null, 0, SwapPhases.NONE,
                    error);
        }
    }

    /**
     * Where the time live posting was paused went, in milliseconds: replaying what arrived since
     * the replay reached the live group, writing the working set's end state, copying the live
     * generation aside and the shadow into the live tables (whose indexes are built as the rows go
     * in), verifying every chain of the new generation, and the digests and comparison.
     */
    @Schema(name = "RebuildSwapPhases")
    public record SwapPhases(long catchUpMillis, long endStateMillis, long copyMillis, long verifyMillis,
                             long compareMillis) {
        static final SwapPhases NONE = new SwapPhases(0, 0, 0, 0, 0);
    }

    /** The job this instance runs; {@code cancel} is set by a cancel request arriving here. */
    private record Running(String id, RebuildLock.Held lock, AtomicBoolean cancel) {
    }

    /** Thrown inside a job when it was cancelled; the job ends CANCELLED and changes nothing. */
    static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("the rebuild was cancelled");
        }
    }

    @Inject
    public Rebuilder(LedgerWriter writer, RebuildLock lock, RebuildJobs jobs, Replayer replayer,
                     ChainVerifier verifier, BalanceQueries balances, Databases databases, MeterRegistry meters,
                     @ConfigProperty(name = "tollgate.ledger.rebuild-on-empty-start") boolean rebuildOnEmptyStart,
                     @ConfigProperty(name = "tollgate.consumers.enabled") boolean consumersEnabled,
                     @ConfigProperty(name = "tollgate.ledger.rebuild-swap-max") Duration swapMax) {
        this.writer = writer;
        this.lock = lock;
        this.jobs = jobs;
        this.replayer = replayer;
        this.verifier = verifier;
        this.balances = balances;
        this.databases = databases;
        this.rebuildOnEmptyStart = rebuildOnEmptyStart;
        this.consumersEnabled = consumersEnabled;
        this.swapMax = swapMax;
        this.finished = Counter.builder("tollgate.ledger.rebuild.finished")
                .description("Rebuild jobs this instance ran to an end").register(meters);
        Gauge.builder("tollgate.ledger.rebuild.events.done", eventsDone, AtomicLong::get)
                .description("Events the running rebuild has replayed").register(meters);
        Gauge.builder("tollgate.ledger.rebuild.events.total", eventsTotal, AtomicLong::get)
                .description("Events the running rebuild will replay (grows while live records arrive)")
                .register(meters);
        Gauge.builder("tollgate.ledger.rebuild.running", running, r -> r.get() == null ? 0 : 1)
                .description("1 while this instance runs a rebuild").register(meters);
    }

    /**
     * Before the consumer loops start: discards what a rebuild interrupted by a crash left (its
     * shadow rows, its job still marked running), then rebuilds an empty journal whose topics are
     * not empty, through the same job, lock and swap as any rebuild.
     */
    void onStart(@Observes @Priority(50) StartupEvent event) {
        discardAbandoned();
        if (rebuildOnEmptyStart && consumersEnabled && writer.isEmpty() && replayer.recordsInTopics() > 0) {
            LOG.info("journal is empty and the topics are not: rebuilding");
            try {
                start(STARTED_AT_BOOT);
            } catch (ProblemException busy) {
                LOG.info("another instance is rebuilding; its swap brings the journal here too");
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        Running r = running.get();
        if (r != null) {
            r.cancel().set(true);
        }
        background.shutdownNow();
    }

    /**
     * Discards an abandoned shadow generation and marks unfinished jobs abandoned, if no rebuild
     * runs anywhere (the lock is free); answers whether it could.
     */
    public boolean discardAbandoned() {
        RebuildLock.Held held = lock.tryAcquire("start-up");
        if (held == null) {
            return false;
        }
        try (held) {
            QuarkusTransaction.requiringNew().run(writer::wipeShadow);
            int abandoned = QuarkusTransaction.requiringNew().call(() -> jobs.abandonUnfinished(Instant.now()));
            if (abandoned > 0) {
                LOG.warnf("%d rebuild job(s) were interrupted; their shadow generation is discarded", abandoned);
            }
            return true;
        }
    }

    /** Starts a rebuild job; 409 if one runs on any instance. Returns the job's id. */
    public String start(String startedBy) {
        String id = UUID.randomUUID().toString();
        RebuildLock.Held held = lock.tryAcquire(id);
        if (held == null) {
            throw new ProblemException(409, "REBUILD_BUSY", null, "a rebuild is running on an instance");
        }
        Running r = new Running(id, held, new AtomicBoolean());
        try {
            jobs.insert(id, startedBy, Instant.now());
            running.set(r);
            background.submit(() -> run(r));
        } catch (RuntimeException | Error e) {
            running.compareAndSet(r, null);
            held.close();
            if (e instanceof RejectedExecutionException) {
                throw new ProblemException(503, "SHUTTING_DOWN", null, "the service is stopping");
            }
            throw e;
        }
        LOG.infof("rebuild %s started by %s", id, startedBy);
        return id;
    }

    /**
     * Asks a running job to stop (on whichever instance runs it); false if it is not running. The
     * request is committed to the job's row before this instance's job is told: a job told first
     * could end, and record its end, before the request, which would then find it finished and
     * answer that it had already ended although this very request stopped it.
     */
    public boolean cancel(String id) {
        boolean requested = QuarkusTransaction.requiringNew().call(() -> jobs.requestCancel(id));
        Running r = running.get();
        if (requested && r != null && r.id().equals(id)) {
            r.cancel().set(true);
        }
        return requested;
    }

    private void run(Running r) {
        Replayer.Progress progress = new Progress(r);
        Replayer.Session session = null;
        try (RebuildLock.Held held = r.lock()) {
            QuarkusTransaction.requiringNew().run(writer::wipeShadow);
            session = replayer.open(progress);
            session.replayToLiveGroup();
            Outcome outcome = pauseAndSwap(r, session);
            finished.increment();
            LOG.infof("rebuild %s swapped in generation %d: digest %s (was %s)", r.id(), outcome.generation(),
                    outcome.digest(), outcome.previousDigest());
        } catch (CancelledException e) {
            end(r, RebuildJobs.State.CANCELLED, session, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s failed; the live journal is unchanged", r.id());
            end(r, RebuildJobs.State.FAILED, session, e.toString());
        } finally {
            if (session != null) {
                session.close();
            }
            eventsDone.set(0);
            eventsTotal.set(0);
            running.compareAndSet(r, null);
        }
    }

    /** A job that did not swap: its shadow rows go, its row says why; the live tables are untouched. */
    private void end(Running r, RebuildJobs.State state, Replayer.Session session, String why) {
        finished.increment();
        try {
            QuarkusTransaction.requiringNew().run(writer::wipeShadow);
        } catch (RuntimeException e) {
            LOG.warnf("could not discard the shadow generation (the next rebuild does): %s", e.toString());
        }
        Replayer.Counts counts = session == null ? Replayer.Counts.NONE : session.counts();
        QuarkusTransaction.requiringNew().run(() -> jobs.finish(r.id(), state, Instant.now(),
                Outcome.failed(counts, why)));
    }

    /**
     * Pauses this instance's live batches (the write permit) and every instance's (the generation
     * lock), replays what arrived since, then swaps, verifies and records in the lock's transaction.
     */
    private Outcome pauseAndSwap(Running r, Replayer.Session session) {
        acquirePermit(r);
        try {
            return QuarkusTransaction.requiringNew().timeout((int) swapMax.toSeconds()).call(() -> {
                try (Connection c = databases.dataSource().getConnection()) {
                    Generations.lockForSwap(c);
                    long paused = System.nanoTime();
                    session.replayToEnd();
                    session.expireDue();
                    long caughtUp = System.nanoTime();
                    session.finish();
                    // The replay's counts and time end here: what follows is the swap's.
                    return swap(r, c, session.counts(), paused, caughtUp);
                }
            });
        } finally {
            writer.release();
        }
    }

    private void acquirePermit(Running r) {
        long deadline = System.nanoTime() + PERMIT_WAIT.toNanos();
        while (!writer.acquire(PERMIT_POLL_MS)) {
            checkCancelled(r);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("live posting did not pause within " + PERMIT_WAIT);
            }
        }
    }

    private Outcome swap(Running r, Connection c, Replayer.Counts replay, long pausedNanos, long caughtUpNanos)
            throws SQLException {
        checkCancelled(r);
        long t0 = System.nanoTime();
        jobs.progress(r.id(), RebuildJobs.Phase.SWAP, eventsDone.get(), eventsTotal.get());
        BalanceSheet previous = balances.fromJournal();
        long t1 = System.nanoTime();
        long generation = Generations.swap(c, EntryHasher.micros(Instant.now()));
        long t2 = System.nanoTime();
        ChainVerifier.Verdict verdict = verifier.verify();
        if (!verdict.ok()) {
            throw new IllegalStateException("the rebuilt generation fails verification: " + verdict.problem());
        }
        long t3 = System.nanoTime();
        BalanceSheet rebuilt = balances.fromJournal();
        List<BalanceChange> changes = changes(previous, rebuilt);
        String previousJournal = JournalDigest.of(c, JournalStore.PREVIOUS);
        String journal = JournalDigest.of(c, JournalStore.LIVE);
        Generations.EntryDifference entries = Generations.compareEntries(c);
        long t4 = System.nanoTime();
        SwapPhases phases = new SwapPhases(millis(caughtUpNanos - pausedNanos), millis(t0 - caughtUpNanos),
                millis(t2 - t1), millis(t3 - t2), millis(t1 - t0 + t4 - t3));
        Outcome outcome = new Outcome(replay, generation, verdict.chains(), verdict.entries(),
                previous.digest(), rebuilt.digest(), previousJournal, journal, changes.size(),
                List.copyOf(changes.subList(0, Math.min(changes.size(), BALANCES_LISTED_MAX))),
                entries, millis(System.nanoTime() - pausedNanos), phases, null);
        jobs.finish(r.id(), RebuildJobs.State.SUCCEEDED, Instant.now(), outcome);
        return outcome;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Every account and currency whose balance differs between the two sheets. */
    static List<BalanceChange> changes(BalanceSheet previous, BalanceSheet rebuilt) {
        Set<List<String>> keys = new TreeSet<>((a, b) -> (a.get(0) + "\t" + a.get(1)).compareTo(b.get(0) + "\t"
                + b.get(1)));
        previous.lines().forEach(l -> keys.add(List.of(l.account(), l.currency())));
        rebuilt.lines().forEach(l -> keys.add(List.of(l.account(), l.currency())));
        List<BalanceChange> out = new ArrayList<>();
        for (List<String> k : keys) {
            long before = balance(previous.line(k.get(0), k.get(1)));
            long after = balance(rebuilt.line(k.get(0), k.get(1)));
            if (before != after) {
                out.add(new BalanceChange(k.get(0), k.get(1), before, after));
            }
        }
        return out;
    }

    private static long balance(BalanceLine line) {
        return line == null ? 0 : line.balanceMinor();
    }

    private void checkCancelled(Running r) {
        if (r.cancel().get() || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }

    /** Publishes the replay's progress: gauges always, the job row at most once a second. */
    private final class Progress implements Replayer.Progress {
        private static final long ROW_EVERY_NANOS = 1_000_000_000L;
        private final Running job;
        private long rowWritten = System.nanoTime();

        Progress(Running job) {
            this.job = job;
        }

        @Override
        public void report(RebuildJobs.Phase phase, long done, long total) {
            eventsDone.set(done);
            eventsTotal.set(total);
            checkCancelled(job);
            if (System.nanoTime() - rowWritten >= ROW_EVERY_NANOS) {
                rowWritten = System.nanoTime();
                if (QuarkusTransaction.requiringNew().call(() -> jobs.progress(job.id(), phase, done, total))) {
                    job.cancel().set(true);
                    checkCancelled(job);
                }
            }
        }
    }
}
