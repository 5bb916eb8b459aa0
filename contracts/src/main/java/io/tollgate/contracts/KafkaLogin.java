package io.tollgate.contracts;

import java.util.Map;
import java.util.Set;

/**
 * A SASL/SCRAM login to the broker, turned into Kafka client properties in one place for the
 * services (eventing), the launcher and the tools. The password never appears in
 * {@link #toString()}.
 *
 * @param protocol {@code SASL_PLAINTEXT} (loopback, or a private network) or {@code SASL_SSL}
 * @param mechanism {@code SCRAM-SHA-512} or {@code SCRAM-SHA-256}
 */
public record KafkaLogin(String username, String password, String mechanism, String protocol) {

    public static final String MECHANISM_DEFAULT = "SCRAM-SHA-512";
    public static final String PROTOCOL_DEFAULT = "SASL_PLAINTEXT";
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256");
    private static final Set<String> PROTOCOLS = Set.of("SASL_PLAINTEXT", "SASL_SSL");
    /** SCRAM user names and passwords Tollgate writes are far shorter; anything longer is a mistake. */
    private static final int FIELD_CHARS_MAX = 256;

    public KafkaLogin {
        if (username == null || username.isBlank() || username.length() > FIELD_CHARS_MAX) {
            throw new IllegalArgumentException("Kafka username must be 1.." + FIELD_CHARS_MAX + " characters");
        }
        if (password == null || password.isEmpty() || password.length() > FIELD_CHARS_MAX) {
            throw new IllegalArgumentException("Kafka password for " + username + " must be 1.."
                    + FIELD_CHARS_MAX + " characters");
        }
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("Kafka SASL mechanism must be one of " + MECHANISMS
                    + ", got " + mechanism);
        }
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("Kafka security protocol with a login must be one of "
                    + PROTOCOLS + ", got " + protocol);
        }
    }

    /** SCRAM-SHA-512 over SASL_PLAINTEXT. */
    public static KafkaLogin scram(String username, String password) {
        return new KafkaLogin(username, password, MECHANISM_DEFAULT, PROTOCOL_DEFAULT);
    }

    /** {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}. */
    public Map<String, String> clientProperties() {
        return Map.of(
                "security.protocol", protocol,
                "sasl.mechanism", mechanism,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
    }

    /** JAAS option values are double-quoted strings: a quote or backslash inside is escaped. */
    public static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaLogin[" + username + " " + mechanism + " " + protocol + "]";
    }
}
