package io.tollgate.systemtest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the system tests' credentials come from: HTTP Basic, one user per role. A stack
 * generates its users like {@code ./tollgate up} does (embedded mode) and hands them over here; a
 * system property {@code tollgate.systemtest.basic.<role>=user:password} (or
 * {@code tollgate.systemtest.basic} for every role) overrides them, e.g. against other services.
 */
final class Credentials {

    /** Who is calling; each API call in the journeys is made in the role that would make it. */
    enum Role {
        ERP, TREASURY, COMPLIANCE, AUDITOR, OPERATOR;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Role, String> pairs;

    private Credentials(Map<Role, String> pairs) {
        this.pairs = pairs.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(pairs));
    }

    static Credentials none() {
        return new Credentials(Map.of());
    }

    /** {@code user:password} per role. */
    static Credentials basic(Map<Role, String> pairs) {
        pairs.values().forEach(Credentials::requirePair);
        return new Credentials(pairs);
    }

    /** The {@code Authorization} header value for {@code role}, if it has credentials. */
    Optional<String> authorizationHeader(Role role) {
        String pair = System.getProperty("tollgate.systemtest.basic." + role.key(),
            System.getProperty("tollgate.systemtest.basic", pairs.getOrDefault(role, "")));
        if (pair.isBlank()) {
            return Optional.empty();
        }
        requirePair(pair);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private static void requirePair(String pair) {
        if (!pair.contains(":")) {
            throw new IllegalArgumentException("Basic credentials must be user:password");
        }
    }
}
