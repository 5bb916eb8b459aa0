package io.tollgate.eventing.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The SHA-256 digest chain of the CloudEvents "Verifiable CloudEvents with DSSE" extension, read
 * from a Kafka record in binary mode: {@code CORE_DIGEST} over id, source, specversion, type,
 * datacontenttype ({@code content-type} header), dataschema, subject, time (UTC, whole seconds) and
 * the record value; {@code EXT_DIGEST} over the {@code ce_<name>} headers named in
 * {@code signedextattrs}, each a String attribute. An absent attribute counts as the empty sequence.
 */
public final class DigestChain {

    /** The core context attributes in the order the extension hashes them (before the data). */
    static final List<String> CORE_HEADERS = List.of("ce_id", "ce_source", "ce_specversion", "ce_type",
            "content-type", "ce_dataschema", "ce_subject", "ce_time");
    /** Names {@code signedextattrs} must not contain: the core attributes and the material itself. */
    static final List<String> NOT_EXTENSIONS = List.of("id", "source", "specversion", "type",
            "datacontenttype", "dataschema", "subject", "time", DsseEnvelope.ATTRIBUTE);
    private static final String TIME_HEADER = "ce_time";

    private DigestChain() {
    }

    /** {@code CORE_DIGEST} of the record's headers and value. */
    public static byte[] core(Headers headers, byte[] data) {
        MessageDigest chain = sha256();
        for (String name : CORE_HEADERS) {
            String value = text(headers, name);
            if (name.equals(TIME_HEADER) && value != null) {
                value = normalizedTime(value);
            }
            chain.update(digest(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8)));
        }
        chain.update(digest(data == null ? new byte[0] : data));
        return chain.digest();
    }

    /** {@code EXT_DIGEST} over the named extension attributes, in the list's order. */
    public static byte[] ext(Headers headers, List<String> signedExtAttrs) {
        MessageDigest chain = sha256();
        for (String name : signedExtAttrs) {
            String value = text(headers, "ce_" + name);
            chain.update(digest(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8)));
        }
        return chain.digest();
    }

    /**
     * Refuses a {@code signedextattrs} list the extension forbids: repetitions, core attribute
     * names, {@code dssematerial}, or a name that is not a CloudEvents attribute name.
     */
    static void checkSignedExtAttrs(List<String> names) {
        if (names.size() != names.stream().distinct().count()) {
            throw new IllegalArgumentException("signedextattrs repeats a name: " + names);
        }
        for (String name : names) {
            if (NOT_EXTENSIONS.contains(name)) {
                throw new IllegalArgumentException("signedextattrs must not name " + name);
            }
            if (!name.matches("[a-z0-9]{1,20}")) {
                throw new IllegalArgumentException("signedextattrs names an invalid attribute: " + name);
            }
        }
    }

    /** RFC 3339 in UTC with whole seconds; a value without an offset is taken as UTC. */
    static String normalizedTime(String time) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                instant = LocalDateTime.parse(time).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("ce_time is not an RFC 3339 timestamp: " + time, e);
            }
        }
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] digest(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
