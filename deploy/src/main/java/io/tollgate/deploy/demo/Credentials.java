package io.tollgate.deploy.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * What the demo client proves its identity with, once the services require it. Read from
 * {@code .tollgate/credentials} (Java properties) when that file exists: {@code token=…} sends
 * {@code Authorization: Bearer …}; {@code username=…} with {@code password=…} sends HTTP Basic.
 * Without the file the client sends no {@code Authorization} header, which is what the services
 * accept today.
 */
public final class Credentials {

    private static final Credentials NONE = new Credentials(null);

    private final String authorization;

    private Credentials(String authorization) {
        this.authorization = authorization;
    }

    public static Credentials none() {
        return NONE;
    }

    public static Credentials bearer(String token) {
        return new Credentials("Bearer " + token);
    }

    public static Credentials basic(String username, String password) {
        String pair = username + ":" + password;
        return new Credentials("Basic "
            + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
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
        String token = props.getProperty("token", "").trim();
        if (!token.isEmpty()) {
            return bearer(token);
        }
        String username = props.getProperty("username", "").trim();
        if (!username.isEmpty()) {
            return basic(username, props.getProperty("password", ""));
        }
        throw new IllegalStateException(file + " names neither token= nor username=/password=");
    }

    /** The value of the {@code Authorization} header, if any is to be sent. */
    public Optional<String> authorizationHeader() {
        return Optional.ofNullable(authorization);
    }
}
