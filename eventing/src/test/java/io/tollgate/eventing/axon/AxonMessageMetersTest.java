package io.tollgate.eventing.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

/**
 * The meters are Axon's own, reading for reading: the same messages go through Axon's monitor and
 * ours, each on its own registry, and both registries must hold the same meters (name, tags, kind)
 * with the same counts.
 */
class AxonMessageMetersTest {

    /** A minute ago: the events' timestamps, which the processor's latency reads against the clock. */
    private static final Instant T0 = Instant.now().minusSeconds(60);

    private record OrderPlaced(String id) {
    }

    private record OrderCancelled(String id) {
    }

    @Test
    void aCommandBusGetsAxonsCountersTimersAndCapacityPerPayloadType() {
        compare(SimpleCommandBus.class, "commandBus", List.of(
                new GenericCommandMessage<>(new OrderPlaced("a")),
                new GenericCommandMessage<>(new OrderPlaced("b")),
                new GenericCommandMessage<>(new OrderCancelled("a"))));
    }

    @Test
    void anEventBusGetsAxonsCountersAndTimers() {
        compare(SimpleEventBus.class, "eventStore", events());
    }

    @Test
    void anEventProcessorGetsAxonsMetersUnderItsNameAndLatency() {
        Map<String, Double> readings = compare(TrackingEventProcessor.class, "order-feed", events());

        // how old the last event taken was when it was taken: 57 s, give or take the test's own time
        assertThat(readings.get("GAUGE eventProcessor.latency{processorName=order-feed}"))
                .isBetween(57_000.0, 117_000.0);
    }

    @Test
    void aQueryBusGetsAxonsMeters() {
        compare(SimpleQueryBus.class, "queryBus", List.of(
                new GenericQueryMessage<>(new OrderPlaced("a"), ResponseTypes.instanceOf(String.class)),
                new GenericQueryMessage<>(new OrderCancelled("a"), ResponseTypes.instanceOf(String.class)),
                new GenericQueryMessage<>(new OrderCancelled("b"), ResponseTypes.instanceOf(String.class))));
    }

    @Test
    void anotherKindOfComponentGetsNoMeters() {
        assertThat(AxonMessageMeters.monitor(String.class, "x", new SimpleMeterRegistry()))
                .isSameAs(NoOpMessageMonitor.instance());
    }

    @Test
    void theMetersOfAPayloadTypeAreRegisteredOnceAndCountEveryMessage() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MessageMonitor<Message<?>> monitor = AxonMessageMeters.monitor(SimpleCommandBus.class, "commandBus",
                registry);

        for (int i = 0; i < 1_000; i++) {
            monitor.onMessageIngested(new GenericCommandMessage<>(new OrderPlaced("o" + i))).reportSuccess();
        }

        assertThat(registry.get("commandBus.successCounter").tag("payloadType", "OrderPlaced").counter().count())
                .isEqualTo(1_000.0);
        assertThat(registry.get("commandBus.allTimer").timer().count()).isEqualTo(1_000L);
        // 5 counters, 4 timers and the capacity gauge: one set for the one payload type
        assertThat(registry.getMeters()).filteredOn(m -> !m.getId().getName().endsWith(".percentile")).hasSize(10);
    }

    /** Events of two payload types, one second apart. */
    private static List<Message<?>> events() {
        return List.of(
                new GenericEventMessage<>("e1", new OrderPlaced("a"), Map.of(), T0),
                new GenericEventMessage<>("e2", new OrderCancelled("a"), Map.of(), T0.plusSeconds(1)),
                new GenericEventMessage<>("e3", new OrderPlaced("b"), Map.of(), T0.plusSeconds(2)),
                new GenericEventMessage<>("e4", new OrderPlaced("c"), Map.of(), T0.plusSeconds(3)));
    }

    /**
     * Runs the same outcomes through Axon's monitor and ours (success, failure, ignored in turn; the
     * last message is left unanswered) and asserts the registries agree; returns our readings.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> compare(Class<?> componentType, String name, List<Message<?>> messages) {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        MessageMonitor<Message<?>> axon = (MessageMonitor<Message<?>>) new GlobalMetricRegistry(axons)
                .registerComponentWithDefaultTags(componentType, name);
        MessageMonitor<Message<?>> mine = AxonMessageMeters.monitor(componentType, name, ours);

        List<MessageMonitor.MonitorCallback> axonCallbacks = new ArrayList<>();
        List<MessageMonitor.MonitorCallback> ourCallbacks = new ArrayList<>();
        for (Message<?> message : messages) {
            axonCallbacks.add(axon.onMessageIngested(message));
            ourCallbacks.add(mine.onMessageIngested(message));
        }
        for (int i = 0; i < messages.size() - 1; i++) {
            answer(axonCallbacks.get(i), i);
            answer(ourCallbacks.get(i), i);
        }

        Map<String, Double> expected = counts(axons);
        Map<String, Double> actual = counts(ours);
        assertThat(actual.keySet()).as("the same meters").containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((meter, reading) -> {
            // Durations and wall-clock ages are the test's own timing, the rest must agree exactly.
            if (!meter.contains(".capacity") && !meter.contains(".percentile") && !meter.contains(".latency")) {
                assertThat(actual.get(meter)).as(meter).isEqualTo(reading);
            }
        });
        assertThat(actual).as("something was counted").containsValue(1.0);
        return actual;
    }

    private static void answer(MessageMonitor.MonitorCallback callback, int i) {
        switch (i % 3) {
            case 0 -> callback.reportSuccess();
            case 1 -> callback.reportFailure(new IllegalStateException("refused"));
            default -> callback.reportIgnored();
        }
    }

    /** Every meter by kind, name and sorted tags, with its count (a gauge: its value). */
    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            StringBuilder key = new StringBuilder(id.getName()).append('{');
            id.getTags().forEach(t -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",")
                    .append(t.getKey()).append('=').append(t.getValue()));
            key.append('}');
            double reading;
            if (meter instanceof Counter counter) {
                reading = counter.count();
            } else if (meter instanceof Timer timer) {
                reading = timer.count();
            } else if (meter instanceof Gauge gauge) {
                reading = gauge.value();
            } else {
                throw new AssertionError("unexpected meter " + id + " of type " + id.getType());
            }
            counts.put(id.getType() + " " + key, reading);
        }
        return counts;
    }
}
