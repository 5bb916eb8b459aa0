package io.tollgate.eventing.testkit;

import io.tollgate.contracts.SigningKeys;
import io.tollgate.eventing.signing.EventSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing keys for test applications: one Ed25519 key pair per service, generated once per JVM,
 * so every test application of the JVM trusts the same keys and {@link KafkaProbe} can sign what a
 * test produces as the service it names. {@link #writeTo} lays them out where eventing's defaults
 * look ({@code <data dir>/signing/<service>.key} and {@code <data dir>/signing/trusted-keys}).
 */
public final class TestSigning {

    /** The services whose keys every test application trusts (their ce_source is /tollgate/name). */
    public static final List<String> SERVICES = List.of("order-service", "regulator-service", "ledger-service");

    private static final Map<String, Key> KEYS = new ConcurrentHashMap<>();

    /** A key pair and its id. */
    public record Key(String keyId, KeyPair pair) {
        public EventSigner signer() {
            return new EventSigner(keyId, pair.getPrivate(), List.of());
        }

        public String trustedLine(String owner) {
            return SigningKeys.trustedKeyLine(keyId, owner, pair.getPublic());
        }
    }

    private TestSigning() {
    }

    /** The trusted key of {@code service} ({@code order-service} etc.). */
    public static Key keyOf(String service) {
        return KEYS.computeIfAbsent(service, TestSigning::fresh);
    }

    /** The key that signs for {@code source}: its service's key, or for any other source a key nobody trusts. */
    public static EventSigner signerFor(String source) {
        String service = source.startsWith("/tollgate/") ? source.substring("/tollgate/".length()) : "";
        return SERVICES.contains(service) ? keyOf(service).signer() : keyOf("untrusted:" + source).signer();
    }

    /** A fresh key pair nobody trusts (a forger's, or a key not rolled out yet). */
    public static Key fresh(String name) {
        KeyPair pair = SigningKeys.generate();
        String prefix = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return new Key(SigningKeys.keyIdFor(prefix.length() > 40 ? prefix.substring(0, 40) : prefix,
                pair.getPublic()), pair);
    }

    /** Writes every service's private key and the trusted-keys list under {@code dataDir/signing}. */
    public static void writeTo(Path dataDir) {
        Path dir = dataDir.resolve("signing");
        StringBuilder trusted = new StringBuilder();
        try {
            Files.createDirectories(dir);
            for (String service : SERVICES) {
                Key key = keyOf(service);
                Files.writeString(dir.resolve(service + ".key"),
                        SigningKeys.privateKeyLine(key.keyId(), key.pair().getPrivate()) + "\n",
                        StandardCharsets.UTF_8);
                trusted.append(key.trustedLine("/tollgate/" + service)).append('\n');
            }
            Files.writeString(dir.resolve("trusted-keys"), trusted, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test signing keys to " + dir, e);
        }
    }
}
