package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.deploy.demo.Credentials;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.security.EmbeddedUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUsersTest {

    @TempDir
    Path dir;

    @Test
    void theUserFileTheLauncherWritesIsOneEventingAcceptsForEveryRole() {
        // given
        LocalUsers users = LocalUsers.ensure(dir.resolve("credentials"));
        Path usersFile = dir.resolve("order-service/users.properties");

        // when
        users.writeUsersFile(usersFile);
        EmbeddedUsers embedded = EmbeddedUsers.load(usersFile);

        // then: eventing verifies each generated password and sees the role by its own name
        assertThat(embedded.size()).isEqualTo(Roles.ALL.size() + 1);
        for (String role : Roles.ALL) {
            assertThat(embedded.verify(role, users.password(role).toCharArray()))
                .hasValueSatisfying(user -> assertThat(user.roles()).containsExactly(role));
            assertThat(embedded.verify(role, "wrong".toCharArray())).isEmpty();
        }
        // a second compliance officer, so a rule change can be proposed by one and approved by another
        assertThat(embedded.verify(LocalUsers.SECOND_COMPLIANCE,
                users.password(LocalUsers.SECOND_COMPLIANCE).toCharArray()))
            .hasValueSatisfying(user -> assertThat(user.roles()).containsExactly(Roles.COMPLIANCE));
        assertThat(users.password(LocalUsers.SECOND_COMPLIANCE)).isNotEqualTo(users.password(Roles.COMPLIANCE));
        assertThat(Files.exists(usersFile)).isTrue();
    }

    @Test
    void passwordsAreGeneratedOnceKeptPrivateAndReadByTheDemoClient() throws Exception {
        // given
        Path file = dir.resolve("credentials");
        LocalUsers first = LocalUsers.ensure(file);

        // when
        LocalUsers again = LocalUsers.ensure(file);
        Credentials credentials = Credentials.fromFile(file);

        // then
        assertThat(again.password(Roles.ERP)).isEqualTo(first.password(Roles.ERP)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.password(Roles.ERP)).isNotEqualTo(first.password(Roles.TREASURY));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(credentials.authorizationHeader(Roles.TREASURY)).hasValueSatisfying(
            header -> assertThat(header).startsWith("Basic "));
        assertThat(credentials.authorizationHeader(LocalUsers.SECOND_COMPLIANCE)).isPresent()
            .isNotEqualTo(credentials.authorizationHeader(Roles.COMPLIANCE));
    }
}
