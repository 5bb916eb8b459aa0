package io.tollgate.eventing.testkit;

import io.tollgate.eventing.security.EmbeddedUsers;
import io.tollgate.contracts.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The users every test application knows (embedded Basic auth): one per role, named after it,
 * {@link #TESTER} holding every role for functional tests that are not about authorization, and a
 * second principal where one is not enough: {@link #TESTER_2} (every role: the second pair of eyes
 * on a rule change), {@link #COMPLIANCE_2} and {@link #ERP_2} (another ERP client).
 */
public final class TestUsers {

    /** Holds all five roles; for tests of behaviour, not of who may do it. */
    public static final String TESTER = "tester";
    /** Holds all roles too: approves what {@link #TESTER} proposed (four eyes). */
    public static final String TESTER_2 = "tester-2";
    /** A second compliance officer. */
    public static final String COMPLIANCE_2 = "compliance-2";
    /** A second ERP client. */
    public static final String ERP_2 = "erp-2";

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
        lines.append(EmbeddedUsers.line(TESTER_2, String.join(";", Roles.ALL), salt, password(TESTER_2)))
                .append('\n');
        lines.append(EmbeddedUsers.line(COMPLIANCE_2, Roles.COMPLIANCE, salt, password(COMPLIANCE_2))).append('\n');
        lines.append(EmbeddedUsers.line(ERP_2, Roles.ERP, salt, password(ERP_2))).append('\n');
        Path file = dir.resolve("users.properties");
        try {
            Files.writeString(file, lines.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test users file", e);
        }
        return file;
    }
}
