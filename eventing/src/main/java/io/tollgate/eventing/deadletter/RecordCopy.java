package io.tollgate.eventing.deadletter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A consumed record kept byte for byte (key, value, headers, timestamp) with where it came from, so
 * it can be applied later exactly as it first arrived.
 */
public record RecordCopy(String topic, int partition, long offset, String key, byte[] value,
                         byte[] headers, long timestamp) {

    /** Keys longer than this are no order id: such a record is stored but holds nothing back. */
    public static final int ORDER_KEY_CHARS_MAX = 200;
    /** Stored headers claiming more entries than this are corrupt (a 1 MB record cannot hold more). */
    static final int HEADERS_MAX = 100_000;

    public static RecordCopy of(ConsumerRecord<String, byte[]> record) {
        return new RecordCopy(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), encode(record.headers().toArray()), record.timestamp());
    }

    /** The key as an order id to hold later records by, or null when it cannot be one. */
    public String orderKey() {
        return key != null && !key.isEmpty() && key.length() <= ORDER_KEY_CHARS_MAX ? key : null;
    }

    public ConsumerRecord<String, byte[]> toConsumerRecord() {
        int keySize = key == null ? -1 : key.getBytes(StandardCharsets.UTF_8).length;
        int valueSize = value == null ? -1 : value.length;
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME,
                keySize, valueSize, key, value, new RecordHeaders(decode(headers)), Optional.empty());
    }

    byte[] keyBytes() {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    static String keyOf(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] encode(Header[] headers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(headers.length);
            for (Header h : headers) {
                out.writeUTF(h.key());
                byte[] v = h.value();
                out.writeInt(v == null ? -1 : v.length);
                if (v != null) {
                    out.write(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Header[] decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int n = in.readInt();
            if (n < 0 || n > HEADERS_MAX) {
                throw new IllegalStateException("stored headers are corrupt: count " + n);
            }
            Header[] headers = new Header[n];
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                byte[] v = length < 0 ? null : in.readNBytes(length);
                headers[i] = new org.apache.kafka.common.header.internals.RecordHeader(name, v);
            }
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
