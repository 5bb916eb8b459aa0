package io.tollgate.deploy.local;

import io.tollgate.contracts.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's event-signing keys: one Ed25519 key pair per service, generated on the first
 * start into {@code <data dir>/signing/} and kept there like the HTTP credentials (owner-only
 * files). Each service is given its own private key file and every service the list of all public
 * keys, each bound to the {@code ce_source} of the service it belongs to. Delete the folder to get
 * new keys on the next start (events already published stay signed by the old ones, which the
 * ledger then no longer trusts on a rebuild).
 */
public final class LocalSigningKeys {

    static final String TRUSTED_FILE = "trusted-keys";
    private static final String OWNER_ONLY = "rw-------";

    private final Path dir;

    private LocalSigningKeys(Path dir) {
        this.dir = dir;
    }

    /** The keys in {@code dir}, generating a key pair for every service that has none yet. */
    public static LocalSigningKeys ensure(Path dir) {
        LocalSigningKeys keys = new LocalSigningKeys(dir);
        try {
            Files.createDirectories(dir);
            boolean generated = false;
            for (ServiceSpec service : ServiceSpec.ALL) {
                generated |= keys.ensurePair(service.name());
            }
            Path trusted = dir.resolve(TRUSTED_FILE);
            if (generated || !Files.isRegularFile(trusted)) {
                StringBuilder lines = new StringBuilder("# Written by ./tollgate up: <key id> <owner> <public key>\n");
                for (ServiceSpec service : ServiceSpec.ALL) {
                    lines.append(Files.readString(keys.publicFile(service.name()), StandardCharsets.UTF_8).strip())
                        .append('\n');
                }
                write(trusted, lines.toString(), false);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot read or write the signing keys in " + dir + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** Where the keys of the stack live whose services keep their data in folders beside {@code serviceDataDir}. */
    public static Path dirBeside(Path serviceDataDir) {
        return serviceDataDir.toAbsolutePath().getParent().resolve("signing");
    }

    /** The key a service signs its events with (for a tool or test that publishes as that service). */
    public SigningKeys.Signing signing(String service) {
        try {
            return SigningKeys.parsePrivate(Files.readString(privateFile(service), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LaunchException("cannot read the signing key of " + service + " in " + dir + ": "
                + e.getMessage(), e);
        }
    }

    /** The settings that point a service at its private key and at the trusted public keys. */
    public Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOLLGATE_SIGNING_PRIVATE_KEY_FILE", privateFile(service).toString());
        env.put("TOLLGATE_SIGNING_TRUSTED_KEYS_FILE", dir.resolve(TRUSTED_FILE).toString());
        return env;
    }

    private boolean ensurePair(String service) throws IOException {
        if (Files.isRegularFile(privateFile(service)) && Files.isRegularFile(publicFile(service))) {
            return false;
        }
        KeyPair pair = SigningKeys.generate();
        String keyId = SigningKeys.keyIdFor(service, pair.getPublic());
        write(privateFile(service), SigningKeys.privateKeyLine(keyId, pair.getPrivate()) + "\n", true);
        write(publicFile(service), SigningKeys.trustedKeyLine(keyId, "/tollgate/" + service, pair.getPublic())
            + "\n", false);
        return true;
    }

    private Path privateFile(String service) {
        return dir.resolve(service + ".key");
    }

    private Path publicFile(String service) {
        return dir.resolve(service + ".pub");
    }

    /** Writes a file; a secret one is owner-only from the moment it exists (created with its mode). */
    private static void write(Path file, String text, boolean secret) throws IOException {
        Files.deleteIfExists(file);
        if (secret) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

}
