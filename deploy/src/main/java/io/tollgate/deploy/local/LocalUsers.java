package io.tollgate.deploy.local;

import io.tollgate.contracts.Roles;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The local stack's users, one per role plus a second compliance officer ({@link #SECOND_COMPLIANCE},
 * so a rule change proposed by one can be approved by another): passwords are generated once into
 * {@code .tollgate/credentials} (readable by the owner only; the demo and curl read it), and each
 * service gets a user file in eventing's embedded format
 * ({@code <user>=<role>,<salt base64>,<sha-256(salt ‖ password) base64>}) that holds no password.
 */
public final class LocalUsers {

    /** 192 random bits per password: one salted SHA-256 is then enough (see eventing's EmbeddedUsers). */
    private static final int PASSWORD_BYTES = 24;
    private static final int SALT_BYTES = 16;
    /** The second compliance officer: approves (or rejects) what {@code compliance} proposes, and vice versa. */
    public static final String SECOND_COMPLIANCE = "compliance-2";
    /** Every local user (its name) with its one role: a user per role, then the second compliance officer. */
    public static final Map<String, String> ACCOUNTS = accounts();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> passwords;
    /** Roles whose password this call generated: printed once by the launcher, then never again. */
    private final java.util.Set<String> generated = new java.util.LinkedHashSet<>();

    private LocalUsers(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    /** The users in {@code credentialsFile}, generating the file (and any missing role) first. */
    public static LocalUsers ensure(Path credentialsFile) {
        Properties props = new Properties();
        try {
            if (Files.isRegularFile(credentialsFile)) {
                try (Reader reader = Files.newBufferedReader(credentialsFile, StandardCharsets.UTF_8)) {
                    props.load(reader);
                }
            }
            LocalUsers users = new LocalUsers(new LinkedHashMap<>());
            boolean changed = false;
            for (String user : ACCOUNTS.keySet()) {
                String password = props.getProperty(user + ".password", "");
                if (password.isEmpty() || !user.equals(props.getProperty(user + ".username"))) {
                    password = users.newPassword();
                    users.generated.add(user);
                    props.setProperty(user + ".username", user);
                    props.setProperty(user + ".password", password);
                    changed = true;
                }
                users.passwords.put(user, password);
            }
            if (changed) {
                write(credentialsFile, props);
            }
            return users;
        } catch (IOException e) {
            throw new LaunchException("cannot read or write " + credentialsFile + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites the credentials file, owner-only from the moment it exists (also for Kafka's logins). */
    static void write(Path file, Properties props) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            // Owner-only from the moment it exists: created with its mode in one call.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: the data folder's own permissions apply.
            Files.createFile(file);
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "Local-stack users (HTTP Basic), one per role plus " + SECOND_COMPLIANCE
                + " (four eyes on rule changes), and Kafka logins (one per service, one operator);"
                + " written by ./tollgate up."
                + " Delete this file to get new passwords on the next up.");
        }
    }

    private static Map<String, String> accounts() {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (String role : Roles.ALL) {
            accounts.put(role, role);
        }
        accounts.put(SECOND_COMPLIANCE, Roles.COMPLIANCE);
        return java.util.Collections.unmodifiableMap(accounts);
    }

    /** The users whose password was generated just now (empty on every later start). */
    public java.util.Set<String> generated() {
        return java.util.Collections.unmodifiableSet(generated);
    }

    /** The password of a user (see {@link #ACCOUNTS}; a role's user is named after the role). */
    public String password(String user) {
        return passwords.get(user);
    }

    /** Writes a service's user file (fresh salts; no passwords in it). */
    public void writeUsersFile(Path file) {
        StringBuilder lines = new StringBuilder("# Written by ./tollgate up from ../credentials\n");
        for (Map.Entry<String, String> account : ACCOUNTS.entrySet()) {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            lines.append(line(account.getKey(), account.getValue(), salt, passwords.get(account.getKey())))
                .append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** One line of eventing's user file format. */
    static String line(String name, String role, byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return name + "=" + role + "," + b64.encodeToString(salt) + "," + b64.encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
