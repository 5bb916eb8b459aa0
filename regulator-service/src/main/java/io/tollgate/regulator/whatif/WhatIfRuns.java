package io.tollgate.regulator.whatif;

import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.regulator.policy.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a draft policy version over past applications, reading Axon's event store from its start
 * to the head it had when the run began (events appended meanwhile are not read), in global
 * order. It holds no command gateway: it cannot decide, publish or store anything.
 */
@ApplicationScoped
public class WhatIfRuns {

    /** Applications one run reads when the request names no limit. */
    public static final int APPLICATIONS_DEFAULT = 1_000;
    /** {@link #APPLICATIONS_DEFAULT} for {@code @DefaultValue}. */
    public static final String APPLICATIONS_DEFAULT_TEXT = "" + APPLICATIONS_DEFAULT;
    /**
     * Most applications one run reads: bounds the answer (their changed and officers' decisions)
     * and the facts held while the history is read; a longer range is read page by page.
     */
    public static final int APPLICATIONS_MAX = 5_000;
    /** Code of the answer when {@code tollgate.what-if.runs-max} runs are under way already. */
    public static final String BUSY = "WHAT_IF_BUSY";

    private final EventStore events;
    private final Semaphore runs;
    private final int runsMax;

    public WhatIfRuns(EventStore events, @ConfigProperty(name = "tollgate.what-if.runs-max") int runsMax) {
        if (runsMax < 1 || runsMax > 16) {
            throw new IllegalStateException("tollgate.what-if.runs-max must be in [1, 16]: " + runsMax);
        }
        this.events = events;
        this.runsMax = runsMax;
        this.runs = new Semaphore(runsMax);
    }

    /**
     * The draft's verdicts beside the recorded decisions of up to {@code applicationsMax}
     * applications requested in [{@code requestedFrom}, {@code requestedTo}) and received after
     * {@code afterPosition}; see {@link WhatIfReplay}.
     *
     * @throws ProblemException 503 {@value #BUSY} when the runs allowed at once are under way
     */
    public WhatIfReport run(Policy draft, Instant requestedFrom, Instant requestedTo, long afterPosition,
                            int applicationsMax) {
        WhatIfReplay replay = new WhatIfReplay(draft, requestedFrom, requestedTo, afterPosition, applicationsMax);
        if (!runs.tryAcquire()) {
            throw new ProblemException(503, BUSY, null, runsMax + " what-if run(s) under way already, the most"
                    + " this service runs at once; retry after Retry-After seconds");
        }
        try {
            replayHistory(replay);
        } finally {
            runs.release();
        }
        return replay.report();
    }

    private void replayHistory(WhatIfReplay replay) {
        TrackingToken head = events.createHeadToken();
        if (head == null || head.position().isEmpty()) {
            return; // An empty store: nothing was ever decided.
        }
        long last = head.position().getAsLong();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                long position = event.trackingToken().position().orElseThrow();
                if (position > last) {
                    break;
                }
                replay.read();
                String aggregateId = event instanceof DomainEventMessage
                        ? ((DomainEventMessage<?>) event).getAggregateIdentifier() : null;
                if (replay.wants(event.getPayloadType(), aggregateId)) {
                    replay.accept(position, event.getPayload());
                }
                if (position == last) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("what-if run interrupted", e);
        }
    }
}
