package io.tollgate.deploy.demo;

import io.tollgate.contracts.Roles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void noFileMeansNoAuthorizationHeader() {
        assertThat(Credentials.fromFile(dir.resolve("credentials")).authorizationHeader(Roles.ERP)).isEmpty();
    }

    @Test
    void aSharedTokenIsSentAsBearerForEveryRole() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("credentials"), "token=abc.def\n");

        // when
        Credentials credentials = Credentials.fromFile(file);

        // then
        for (String role : Roles.ALL) {
            assertThat(credentials.authorizationHeader(role)).contains("Bearer abc.def");
        }
    }

    @Test
    void eachRoleSendsItsOwnBasicCredentials() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("credentials"),
            "erp.username=erp\nerp.password=s3cret\ntreasury.username=t\ntreasury.password=p\n");

        // when
        Credentials credentials = Credentials.fromFile(file);

        // then: base64("erp:s3cret"), base64("t:p"); a role without credentials sends none
        assertThat(credentials.authorizationHeader(Roles.ERP)).contains("Basic ZXJwOnMzY3JldA==");
        assertThat(credentials.authorizationHeader(Roles.TREASURY)).contains("Basic dDpw");
        assertThat(credentials.authorizationHeader(Roles.AUDITOR)).isEmpty();
    }

    @Test
    void aFileThatNamesNoCredentialsIsRefusedRatherThanIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "user=erp\n");

        assertThatThrownBy(() -> Credentials.fromFile(file)).hasMessageContaining("names no credentials");
    }
}
