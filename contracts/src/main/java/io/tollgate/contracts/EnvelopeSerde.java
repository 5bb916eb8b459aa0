package io.tollgate.contracts;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for {@link Envelope} in CloudEvents binary mode (needs record headers). */
public final class EnvelopeSerde implements Serde<Envelope> {

    @Override
    public Serializer<Envelope> serializer() {
        return new EnvelopeSerializer();
    }

    @Override
    public Deserializer<Envelope> deserializer() {
        return new EnvelopeDeserializer();
    }

    /** Writes {@code ce_*} headers; refuses the header-less call since binary mode needs headers. */
    public static final class EnvelopeSerializer implements Serializer<Envelope> {
        @Override
        public byte[] serialize(String topic, Envelope data) {
            throw new UnsupportedOperationException("CloudEvents binary mode needs record headers");
        }

        @Override
        public byte[] serialize(String topic, Headers headers, Envelope data) {
            return data == null ? null : EnvelopeCodec.encode(topic, headers, data);
        }
    }

    /** Reads {@code ce_*} headers and the JSON body; throws {@link ContractViolationException}. */
    public static final class EnvelopeDeserializer implements Deserializer<Envelope> {
        @Override
        public Envelope deserialize(String topic, byte[] data) {
            return deserialize(topic, new RecordHeaders(), data);
        }

        @Override
        public Envelope deserialize(String topic, Headers headers, byte[] data) {
            return EnvelopeCodec.decode(topic, headers, data);
        }
    }
}
