package io.tollgate.eventing.testkit;

import io.tollgate.eventing.security.EmbeddedUsers;
import io.tollgate.contracts.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The users every test application knows (embedded Basic auth): one per role, named after it, and
 * {@link #TESTER} holding every role for functional tests that are not about authorization.
 */
public final class TestUsers {

    /** Holds all five roles; for tests of behaviour, not of who may do it. */
    public static final String TESTER = "tester";

    private TestUsers() {
    }

    /** The password of a test user (test-only; these files never leave the test's temp folder). */
    public static String password(String user) {
        return user + "-test-password";
    }

    /** Writes {@code users.properties} into {@code dir} and returns its path. */
    public static Path write(Path dir) {
        StringBuilder lines = new StringBuilder();
        byte[] salt = "tollgate-test-salt".getBytes(StandardCharsets.UTF_8);
        for (String role : Roles.ALL) {
            lines.append(EmbeddedUsers.line(role, role, salt, password(role))).append('\n');
        }
        lines.append(EmbeddedUsers.line(TESTER, String.join(";", Roles.ALL), salt, password(TESTER))).append('\n');
        Path file = dir.resolve("users.properties");
        try {
            Files.writeString(file, lines.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test users file", e);
        }
        return file;
    }
}
