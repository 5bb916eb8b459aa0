package io.tollgate.eventing.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * The meters Axon's {@code GlobalMetricRegistry.registerWithConfigurerWithDefaultTags} gives every
 * command bus, event bus, query bus and event processor, with the same names, tags, kinds and
 * readings, each resolved once per component and payload type instead of once per message.
 *
 * <p>Axon's monitors build each meter's name, tags and percentile settings and look it up in the
 * registry for every message: nine lookups for a command, eleven for an event on the bus and
 * fourteen for each processor that handles it. In a bulk run that was a twentieth of the service's
 * CPU. {@code AxonMessageMetersTest} gives the same messages to both and compares every meter.
 *
 * <p>What each component gets, per payload type (tag {@code payloadType}, the payload class's
 * simple name; processors also {@code processorName} under the prefix {@code eventProcessor}):
 * counters {@code .ingestedCounter}, {@code .successCounter}, {@code .failureCounter},
 * {@code .processedCounter} (success or failure) and {@code .ignoredCounter} (on an event bus, as
 * Axon 4.13 registers them, one set without the payload type); timers {@code .allTimer},
 * {@code .successTimer}, {@code .failureTimer} and {@code .ignoredTimer} (percentiles 0.5 to 0.999
 * over 10 minutes); except on an event bus, {@code .capacity}, the share of the last 10 minutes
 * spent handling; and once per processor, tagged with its name only, {@code .latency}: how old the
 * last event it took was when it took it, in milliseconds.
 */
public final class AxonMessageMeters {

    private static final String EVENT_PROCESSOR = "eventProcessor";
    private static final String PAYLOAD_TYPE = "payloadType";
    private static final String PROCESSOR_NAME = "processorName";
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private AxonMessageMeters() {
    }

    /** Installs the meters as the monitor of every component the configurer builds. */
    public static void register(Configurer configurer, MeterRegistry registry) {
        configurer.configureMessageMonitor(c -> (componentType, componentName) -> monitor(componentType,
                componentName, registry));
    }

    /** The monitor for one component, or none for a kind Axon has no meters for either. */
    public static MessageMonitor<Message<?>> monitor(Class<?> componentType, String componentName,
                                                     MeterRegistry registry) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new Component(registry, EVENT_PROCESSOR, Tags.of(PROCESSOR_NAME, componentName), true, true, true);
        }
        if (CommandBus.class.isAssignableFrom(componentType) || QueryBus.class.isAssignableFrom(componentType)
                || QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return new Component(registry, componentName, Tags.empty(), true, true, false);
        }
        if (EventBus.class.isAssignableFrom(componentType)) {
            return new Component(registry, componentName, Tags.empty(), false, false, false);
        }
        return NoOpMessageMonitor.instance();
    }

    /** One component's meters, built the first time each payload type is seen. */
    private static final class Component implements MessageMonitor<Message<?>> {

        private final MeterRegistry registry;
        private final String prefix;
        private final Tags componentTags;
        private final boolean capacity;
        private final boolean taggedCounters;
        private final boolean latency;
        private final Clock clock = Clock.SYSTEM;
        private final Map<Class<?>, Meters> byPayload = new ConcurrentHashMap<>();
        // One per processor, as Axon 4.13 keeps it: the age of the last event ingested, in ms.
        private final AtomicLong ageMillis = new AtomicLong();

        Component(MeterRegistry registry, String prefix, Tags componentTags, boolean capacity,
                  boolean taggedCounters, boolean latency) {
            this.registry = registry;
            this.prefix = prefix;
            this.componentTags = componentTags;
            this.capacity = capacity;
            this.taggedCounters = taggedCounters;
            this.latency = latency;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Meters meters = byPayload.computeIfAbsent(message.getPayloadType(), this::meters);
            meters.ingested.increment();
            if (latency) {
                ageMillis.set(clock.wallTime() - ((EventMessage<?>) message).getTimestamp().toEpochMilli());
            }
            long start = clock.monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    handled(meters.successTimer);
                    meters.processed.increment();
                    meters.success.increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    handled(meters.failureTimer);
                    meters.processed.increment();
                    meters.failure.increment();
                }

                @Override
                public void reportIgnored() {
                    handled(meters.ignoredTimer);
                    meters.ignored.increment();
                }

                private void handled(Timer outcome) {
                    long nanos = clock.monotonicTime() - start;
                    meters.allTimer.record(nanos, TimeUnit.NANOSECONDS);
                    outcome.record(nanos, TimeUnit.NANOSECONDS);
                    if (meters.window != null) {
                        meters.window.update(nanos);
                    }
                }
            };
        }

        private Meters meters(Class<?> payloadType) {
            Tags tags = Tags.of(PAYLOAD_TYPE, payloadType.getSimpleName()).and(componentTags);
            SlidingTimeWindowReservoir window = null;
            if (capacity) {
                window = new SlidingTimeWindowReservoir(WINDOW.toNanos(), TimeUnit.NANOSECONDS, clock);
                Gauge.builder(prefix + ".capacity", window, Component::capacity).tags(tags).strongReference(true)
                        .register(registry);
            }
            if (latency) {
                // One gauge per processor (registering it again finds it).
                Gauge.builder(prefix + ".latency", ageMillis, AtomicLong::get).tags(componentTags)
                        .strongReference(true).register(registry);
            }
            Tags counted = taggedCounters ? tags : componentTags;
            return new Meters(counter(".ingestedCounter", counted), counter(".successCounter", counted),
                    counter(".failureCounter", counted), counter(".processedCounter", counted),
                    counter(".ignoredCounter", counted), timer("allTimer", tags), timer("successTimer", tags),
                    timer("failureTimer", tags), timer("ignoredTimer", tags), window);
        }

        private Counter counter(String suffix, Tags tags) {
            return registry.counter(prefix + suffix, tags);
        }

        private Timer timer(String name, Tags tags) {
            return Timer.builder(prefix + "." + name).distributionStatisticExpiry(WINDOW)
                    .publishPercentiles(PERCENTILES).tags(tags).register(registry);
        }

        private static double capacity(SlidingTimeWindowReservoir window) {
            long busy = 0;
            for (long nanos : window.getMeasurements()) {
                busy += nanos;
            }
            return (double) busy / WINDOW.toNanos();
        }
    }

    private record Meters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored,
                          Timer allTimer, Timer successTimer, Timer failureTimer, Timer ignoredTimer,
                          SlidingTimeWindowReservoir window) {
    }
}
