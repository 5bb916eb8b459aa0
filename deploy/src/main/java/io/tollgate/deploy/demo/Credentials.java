package io.tollgate.deploy.demo;

import io.tollgate.contracts.Roles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How the demo client proves who it is, per role. Read from {@code .tollgate/credentials} (Java
 * properties, written by {@code ./tollgate up}) when that file exists:
 * {@code <user>.username=…} with {@code <user>.password=…} sends HTTP Basic when calling as that
 * user (a role's user is named after the role; {@code compliance-2} is the second compliance officer),
 * {@code <role>.token=…} a bearer token, and a bare {@code token=…} a bearer token for every role.
 * Without the file no {@code Authorization} header is sent.
 */
public final class Credentials {

    private final Map<String, String> headers;

    private Credentials(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    public static Credentials none() {
        return new Credentials(Map.of());
    }

    /** The credentials in {@code file}, or none when the file does not exist. */
    public static Credentials fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read credentials from " + file + ": " + e.getMessage(), e);
        }
        return fromProperties(props, file.toString());
    }

    static Credentials fromProperties(Properties props, String source) {
        Map<String, String> headers = new LinkedHashMap<>();
        String shared = props.getProperty("token", "").trim();
        java.util.Set<String> callers = new java.util.LinkedHashSet<>(Roles.ALL);
        for (String key : props.stringPropertyNames()) {
            for (String suffix : List.of(".username", ".token")) {
                if (key.endsWith(suffix)) {
                    callers.add(key.substring(0, key.length() - suffix.length()));
                }
            }
        }
        for (String caller : callers) {
            String token = props.getProperty(caller + ".token", shared).trim();
            String username = props.getProperty(caller + ".username", "").trim();
            if (!username.isEmpty()) {
                headers.put(caller, basic(username, props.getProperty(caller + ".password", "")));
            } else if (!token.isEmpty()) {
                headers.put(caller, "Bearer " + token);
            }
        }
        if (headers.isEmpty()) {
            throw new IllegalStateException(source + " names no credentials (expected <role>.username/"
                + "<role>.password, <role>.token or token=)");
        }
        return new Credentials(headers);
    }

    private static String basic(String username, String password) {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the {@code Authorization} header for a call made as {@code caller} (a role or user), if any. */
    public Optional<String> authorizationHeader(String caller) {
        return Optional.ofNullable(headers.get(caller));
    }
}
