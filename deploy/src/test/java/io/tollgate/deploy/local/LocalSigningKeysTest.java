package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void firstStartGivesEveryServiceAnOwnerOnlyKeyAndEveryoneThePublicKeys() throws Exception {
        // when
        LocalSigningKeys keys = LocalSigningKeys.ensure(dir);

        // then every service has its own private key, readable by the owner only
        List<SigningKeys.Trusted> trusted = SigningKeys.parseTrusted(
                Files.readString(dir.resolve("trusted-keys"), StandardCharsets.UTF_8));
        assertThat(trusted).extracting(SigningKeys.Trusted::owner).containsExactly(
                "/tollgate/order-service", "/tollgate/regulator-service", "/tollgate/ledger-service");
        for (ServiceSpec service : ServiceSpec.ALL) {
            Path file = dir.resolve(service.name() + ".key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            SigningKeys.Signing signing = SigningKeys.parsePrivate(Files.readString(file, StandardCharsets.UTF_8));
            // and its public key is the one trusted under its key id, for its own source only
            SigningKeys.Trusted mine = trusted.stream().filter(t -> t.keyId().equals(signing.keyId()))
                    .findFirst().orElseThrow();
            assertThat(mine.owner()).isEqualTo("/tollgate/" + service.name());
            assertThat(verifies(signing, mine)).isTrue();
            Map<String, String> env = keys.environment(service.name());
            assertThat(env).containsEntry("TOLLGATE_SIGNING_PRIVATE_KEY_FILE", file.toString())
                    .containsEntry("TOLLGATE_SIGNING_TRUSTED_KEYS_FILE", dir.resolve("trusted-keys").toString());
        }
    }

    @Test
    void laterStartsKeepTheKeys() throws Exception {
        // given
        LocalSigningKeys.ensure(dir);
        String before = Files.readString(dir.resolve("trusted-keys"), StandardCharsets.UTF_8);
        String orderKey = Files.readString(dir.resolve("order-service.key"), StandardCharsets.UTF_8);

        // when
        LocalSigningKeys.ensure(dir);

        // then
        assertThat(Files.readString(dir.resolve("trusted-keys"), StandardCharsets.UTF_8)).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("order-service.key"), StandardCharsets.UTF_8)).isEqualTo(orderKey);
    }

    private static boolean verifies(SigningKeys.Signing signing, SigningKeys.Trusted trusted) throws Exception {
        byte[] message = "probe".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
        signer.initSign(signing.key());
        signer.update(message);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
        verifier.initVerify(trusted.key());
        verifier.update(message);
        return verifier.verify(sig);
    }
}
