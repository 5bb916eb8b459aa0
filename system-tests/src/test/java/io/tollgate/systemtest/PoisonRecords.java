package io.tollgate.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tollgate.eventing.signing.EventSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Poison records made from a good record of a topic (its CloudEvents headers and JSON body) and
 * written with a plain Kafka producer, as a broken producer or a hostile one would. Six kinds, in
 * turn. Four are signed with the key of the service the record names as its source, as a producer
 * with a bug would sign them, so they pass the signature check and reach the deeper ones: an
 * undecodable body, an unknown {@code ce_type}, every JSON value of the wrong type, and amounts no
 * money can have. Two are what someone without that key can write: a record with no signature, and
 * a good record's signature over a body changed after signing. Each has its own fresh event id and
 * order id (key and {@code ce_subject}), so none holds back a good order's records.
 */
final class PoisonRecords {

    static final List<String> KINDS = List.of("undecodable-body", "unknown-type", "wrong-json-types",
        "bad-amounts", "unsigned", "tampered-after-signing");
    /** The kinds no trusted key signed: refused at the signature check, before anything else. */
    static final Set<String> UNTRUSTED_KINDS = Set.of("unsigned", "tampered-after-signing");
    private static final List<String> BAD_AMOUNTS = List.of("-1.00", "12.345", "abc", "", "1e400",
        "99999999999999999999999999.00");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int POLLS_MAX = 240;

    /** A record that was written: where it went and the order id it names. */
    record Written(String origin, String orderId, String kind) {
    }

    private PoisonRecords() {
    }

    /** The first record of the topic (any partition), read with a plain consumer; bounded. */
    static ConsumerRecord<String, byte[]> template(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int i = 0; i < POLLS_MAX; i++) {
                Iterator<ConsumerRecord<String, byte[]>> records = consumer.poll(POLL).iterator();
                if (records.hasNext()) {
                    return records.next();
                }
            }
        }
        throw new AssertionError("no record on " + topic + " to make poison from");
    }

    /**
     * Writes {@code count} poison records to the template's topic; returns them once acknowledged.
     * {@code signAsSource} signs a record's headers and value with the key of the service its
     * {@code ce_source} names.
     */
    static List<Written> inject(String bootstrap, ConsumerRecord<String, byte[]> template, int count,
                                BiConsumer<Headers, byte[]> signAsSource) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<String[]> sentIds = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                String kind = KINDS.get(i % KINDS.size());
                String orderId = UUID.randomUUID().toString();
                sent.add(producer.send(poison(template, kind, orderId, i, signAsSource)));
                sentIds.add(new String[] {orderId, kind});
            }
            producer.flush();
            List<Written> written = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata meta = sent.get(i).get();
                written.add(new Written(FaultVerdict.origin(meta.topic(), meta.partition(), meta.offset()),
                    sentIds.get(i)[0], sentIds.get(i)[1]));
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while injecting poison", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the broker refused a poison record", e);
        }
    }

    private static ProducerRecord<String, byte[]> poison(ConsumerRecord<String, byte[]> template, String kind,
                                                         String orderId, int n,
                                                         BiConsumer<Headers, byte[]> signAsSource) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : template.headers()) {
            if (EventSigner.HEADER.equals(header.key())) {
                continue; // the template's signature covers the template, not this record
            }
            String value = switch (header.key()) {
                case "ce_id" -> UUID.randomUUID().toString();
                case "ce_subject" -> orderId;
                case "ce_type" -> "unknown-type".equals(kind) ? "io.tollgate.no.such.event.v1"
                    : new String(header.value(), StandardCharsets.UTF_8);
                default -> new String(header.value(), StandardCharsets.UTF_8);
            };
            headers.add(header.key(), value.getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = switch (kind) {
            case "undecodable-body" -> ("\u00ff\u0000{\"not json " + n).getBytes(StandardCharsets.ISO_8859_1);
            case "wrong-json-types" -> write(wrongTypes(read(template.value())));
            case "bad-amounts" -> write(badAmounts(read(template.value()), BAD_AMOUNTS.get(n % BAD_AMOUNTS.size())));
            default -> template.value();
        };
        switch (kind) {
            case "unsigned" -> { }
            case "tampered-after-signing" -> {
                signAsSource.accept(headers, body);
                body = write(tampered(read(body)));
            }
            default -> signAsSource.accept(headers, body);
        }
        return new ProducerRecord<>(template.topic(), null, orderId, body, headers);
    }

    /** Every string value becomes a number and every number a string, at any depth. */
    private static JsonNode wrongTypes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(f -> names.add(f.getKey()));
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    object.set(name, IntNode.valueOf(7));
                } else if (value.isNumber()) {
                    object.set(name, TextNode.valueOf("seven"));
                } else {
                    wrongTypes(value);
                }
            }
        }
        return node;
    }

    /** The body with one more field than was signed: valid JSON, no longer the signed bytes. */
    private static JsonNode tampered(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.put("tampered", true);
        }
        return node;
    }

    /** Every {@code amount} field, at any depth, set to one impossible value. */
    private static JsonNode badAmounts(JsonNode node, String amount) {
        if (node instanceof ObjectNode object) {
            if (object.has("amount")) {
                object.put("amount", amount);
            }
            object.elements().forEachRemaining(child -> badAmounts(child, amount));
        }
        return node;
    }

    private static JsonNode read(byte[] json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("template body is not JSON", e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return Http.JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record of a dead-letter topic, read until {@code expected} or the bound: origin → count. */
    static Map<String, Integer> deadLetterOrigins(String bootstrap, String topic, int expected,
                                                 Duration bound) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Integer> origins = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + bound.toNanos();
        int total = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                org.apache.kafka.clients.consumer.ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty() && total >= expected) {
                    return origins; // a poll found nothing beyond the expected count
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    Header origin = record.headers().lastHeader(io.tollgate.contracts.Topics.DLT_ORIGIN_HEADER);
                    Header reason = record.headers().lastHeader(io.tollgate.contracts.Topics.DLT_REASON_HEADER);
                    String key = origin == null ? "(no origin header)" : new String(origin.value(), StandardCharsets.UTF_8);
                    if (reason == null || reason.value().length == 0) {
                        key = key + " (no reason header)";
                    }
                    origins.merge(key, 1, Integer::sum);
                    total++;
                }
            }
        }
        return origins;
    }
}
