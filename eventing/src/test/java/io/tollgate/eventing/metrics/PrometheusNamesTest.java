package io.tollgate.eventing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** How {@link PrometheusNames} rewrites the meters other libraries register. */
class PrometheusNamesTest {

    private final PrometheusNames names = new PrometheusNames();

    @Test
    void axonCountersAndTimersGetSnakeCaseNamesAndLabelsWithoutTheirType() {
        // given
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(names);

        // when
        Counter.builder("eventProcessor.successCounter")
                .tags("processorName", "outbox-relay", "payloadType", "X").register(registry);
        Timer.builder("eventProcessor.successTimer")
                .tags("processorName", "outbox-relay", "payloadType", "X").register(registry);

        // then: two meters, no collision once the type left the name
        Meter counted = registry.get("event_processor.success.messages").meter();
        Meter timed = registry.get("event_processor.success.duration").meter();
        assertThat(counted.getId().getTags())
                .isEqualTo(Tags.of("payload_type", "X", "processor_name", "outbox-relay").stream().toList());
        assertThat(counted.getId().getDescription())
                .isEqualTo("Messages handled successfully by an Axon event processor"
                        + " (Axon's eventProcessor.successCounter)");
        assertThat(timed.getId().getDescription())
                .isEqualTo("Time per message, for messages handled successfully by an Axon event processor"
                        + " (Axon's eventProcessor.successTimer)");
    }

    @Test
    void axonTimersLoseTheirClientSidePercentilesAndOursKeepTheirs() {
        // given Axon's timer as Axon builds it (six published percentiles) and one of ours
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(names);
        Timer axon = Timer.builder("commandBus.successTimer").tag("payloadType", "X")
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999).register(registry);
        Timer ours = Timer.builder("tollgate.own.duration").publishPercentiles(0.99).register(registry);

        // when
        axon.record(java.time.Duration.ofMillis(3));
        ours.record(java.time.Duration.ofMillis(3));

        // then
        assertThat(axon.takeSnapshot().percentileValues()).isEmpty();
        assertThat(axon.count()).isEqualTo(1);
        assertThat(ours.takeSnapshot().percentileValues()).hasSize(1);
    }

    @Test
    void doubleQuotesLeaveHelpTextsAndMissingHelpTextsAreFilledIn() {
        assertThat(PrometheusNames.help("process.cpu.usage", "The \"recent cpu usage\" of it", "x"))
                .isEqualTo("The 'recent cpu usage' of it");
        assertThat(PrometheusNames.help("netty.allocator.memory.used", null, "netty.allocator.memory.used"))
                .isEqualTo("Meter netty.allocator.memory.used (its library gives it no description)");
        assertThat(PrometheusNames.help("event_processor.latency", "", "eventProcessor.latency"))
                .startsWith("Milliseconds from the timestamp");
    }

    @Test
    void ourOwnDottedNamesAreLeftAlone() {
        // given
        Meter.Id id = Counter.builder("tollgate.consumer.dead.lettered").description("Records sent")
                .tag("group", "g").register(new SimpleMeterRegistry()).getId();

        // when / then
        assertThat(names.map(id)).isSameAs(id);
        assertThat(PrometheusNames.snakeCase("kafka.consumer.records-lag"))
                .isEqualTo("kafka.consumer.records-lag");
        assertThat(PrometheusNames.axonName("tollgate.outbox_timer")).isEqualTo("tollgate.outbox_timer");
    }
}
