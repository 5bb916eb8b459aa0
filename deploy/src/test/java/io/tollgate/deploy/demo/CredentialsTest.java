package io.tollgate.deploy.demo;

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
        assertThat(Credentials.fromFile(dir.resolve("credentials")).authorizationHeader()).isEmpty();
    }

    @Test
    void aTokenIsSentAsBearer() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("credentials"), "token=abc.def\n");

        // when / then
        assertThat(Credentials.fromFile(file).authorizationHeader()).contains("Bearer abc.def");
    }

    @Test
    void usernameAndPasswordAreSentAsBasic() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("credentials"), "username=erp\npassword=s3cret\n");

        // when / then: base64("erp:s3cret")
        assertThat(Credentials.fromFile(file).authorizationHeader()).contains("Basic ZXJwOnMzY3JldA==");
    }

    @Test
    void aFileWithNeitherIsRefusedRatherThanIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "user=erp\n");

        assertThatThrownBy(() -> Credentials.fromFile(file)).hasMessageContaining("neither token=");
    }
}
