package io.tollgate.eventing.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.deadletter.DeadLetterStore;
import io.tollgate.eventing.trace.Traces;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts one {@link ConsumerLoop} per {@link RecordConsumer} and {@link BatchConsumer} bean after
 * the service has started, and stops them (finishing the batch in hand) on shutdown.
 */
@ApplicationScoped
public class ConsumerLoops {

    private static final Logger LOG = Logger.getLogger(ConsumerLoops.class);
    /** A service runs a handful of loops; more would be a configuration mistake. */
    private static final int LOOPS_MAX = 8;

    @Inject
    Instance<RecordConsumer> recordConsumers;
    @Inject
    Instance<BatchConsumer> batchConsumers;
    @Inject
    KafkaClients clients;
    @Inject
    DeadLetters deadLetters;
    @Inject
    ProcessedEvents processed;
    @Inject
    DeadLetterStore deadLetterStore;
    @Inject
    MeterRegistry meters;
    @Inject
    Traces traces;
    @Inject
    RecordDecoder decoder;
    @ConfigProperty(name = "tollgate.consumers.enabled")
    boolean enabled;
    @ConfigProperty(name = "tollgate.consumer.poll-records-max")
    int maxPollRecords;
    @ConfigProperty(name = "tollgate.consumer.poll-timeout-ms")
    long pollTimeoutMs;
    @ConfigProperty(name = "tollgate.consumer.attempts-max")
    int maxAttempts;
    @ConfigProperty(name = "tollgate.consumer.decode-threads")
    int decodeThreads;

    private final List<ConsumerLoop> loops = new ArrayList<>();
    private ExecutorService executor;
    private DecodeWorkers decodeWorkers;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!enabled) {
            LOG.info("Kafka consumers disabled (tollgate.consumers.enabled=false)");
            return;
        }
        // One set of decoding helpers for every loop of the service: each loop's thread takes part too.
        decodeWorkers = new DecodeWorkers("tollgate-consumer-decode", decodeThreads, "tollgate.consumer.decode-threads");
        for (RecordConsumer c : recordConsumers) {
            loops.add(loop(c.group(), c.topics(), c, null));
        }
        for (BatchConsumer c : batchConsumers) {
            loops.add(loop(c.group(), c.topics(), null, c));
        }
        if (loops.isEmpty()) {
            return;
        }
        // Loaded now: a consumer without trusted keys stops at start-up, naming the setting.
        decoder.requireKeys();
        if (loops.size() > LOOPS_MAX) {
            throw new IllegalStateException("too many consumer loops: " + loops.size());
        }
        executor = Executors.newFixedThreadPool(loops.size(), r -> {
            Thread t = new Thread(r, "tollgate-consumer");
            t.setDaemon(true);
            return t;
        });
        for (ConsumerLoop loop : loops) {
            deadLetters.ensureTopic(loop.group());
            executor.submit(loop);
            LOG.infof("consumer %s started", loop.group());
        }
    }

    private ConsumerLoop loop(String group, List<io.tollgate.contracts.Topics.Topic> topics,
                              RecordConsumer record, BatchConsumer batch) {
        return new ConsumerLoop(group, topics, record, batch, clients, deadLetters, processed, deadLetterStore,
                meters, traces, decoder, decodeWorkers, maxPollRecords, Duration.ofMillis(pollTimeoutMs), maxAttempts);
    }

    void onStop(@Observes ShutdownEvent event) {
        loops.forEach(ConsumerLoop::stop);
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (decodeWorkers != null) {
            decodeWorkers.close();
        }
    }

    /** Loops that are not polling although consumers are enabled (for the readiness check). */
    public List<String> deadLoops() {
        return loops.stream().filter(l -> !l.isAlive()).map(ConsumerLoop::group).toList();
    }

    /** One loop's state for the liveness check. */
    public record LoopState(String group, boolean polling, long millisSinceLastPoll, long millisDown,
                            int restarts) {
    }

    public List<LoopState> states() {
        return loops.stream().map(l -> new LoopState(l.group(), l.isAlive(), l.millisSinceLastPoll(),
                l.millisDown(), l.restarts())).toList();
    }

    public List<String> groups() {
        return loops.stream().map(ConsumerLoop::group).toList();
    }
}
