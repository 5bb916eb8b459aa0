package io.tollgate.eventing.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.contracts.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Sends a record a consumer cannot apply to {@code <group>.dlt}, byte for byte with its original
 * headers, plus why, where it came from and who refused it. Counted in
 * {@code tollgate.consumer.dead.lettered} (tags: group, code).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final long SEND_TIMEOUT_MS = 30_000;
    /** Reasons are cut to this many characters: a header is no place for a stack trace. */
    private static final int REASON_CHARS_MAX = 1_000;

    private final KafkaClients clients;
    private final MeterRegistry meters;
    private volatile KafkaProducer<String, byte[]> producer;

    @Inject
    public DeadLetters(KafkaClients clients, MeterRegistry meters) {
        this.clients = clients;
        this.meters = meters;
    }

    /** Creates {@code <group>.dlt} if missing (same partition count as the default, infinite retention). */
    public void ensureTopic(String group) {
        String topic = Topics.deadLetterFor(group).name();
        try (Admin admin = clients.admin()) {
            admin.createTopics(Collections.singleton(new NewTopic(topic, java.util.Optional.empty(),
                            java.util.Optional.empty()).configs(java.util.Map.of("retention.ms", "-1"))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("could not create dead-letter topic %s: %s", topic, e.getCause().toString());
            }
        } catch (TimeoutException | InterruptedException e) {
            LOG.warnf("could not create dead-letter topic %s in time: %s", topic, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Publishes synchronously; returns only once the broker acknowledged (acks=all). */
    public void send(String group, ConsumerRecord<String, byte[]> record, String code, String reason) {
        String cut = reason == null ? "" : reason.length() > REASON_CHARS_MAX
                ? reason.substring(0, REASON_CHARS_MAX) : reason;
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DLT_REASON_HEADER, (code + ": " + cut).getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLT_ORIGIN_HEADER, (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLT_CONSUMER_HEADER, group.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.deadLetterFor(group).name(), null,
                record.key(), record.value(), headers);
        try {
            producer().send(out).get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "/" + record.partition()
                    + "@" + record.offset(), e);
        }
        Counter.builder("tollgate.consumer.dead.lettered")
                .description("Records sent to a dead-letter topic")
                .tag("group", group).tag("code", code)
                .register(meters).increment();
        LOG.warnf("dead-lettered %s/%d@%d for %s: %s: %s", record.topic(), record.partition(), record.offset(),
                group, code, cut);
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = clients.producer("dead-letters");
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
