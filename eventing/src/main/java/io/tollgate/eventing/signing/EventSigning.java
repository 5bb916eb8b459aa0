package io.tollgate.eventing.signing;

import io.tollgate.contracts.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service's signing key and the keys it trusts, from the {@code tollgate.signing.*} settings:
 * the outbox relay signs every record with {@link #signer()}, the consumer loops verify every
 * record with {@link #verifier()}. Each is loaded on first use, so a service that publishes nothing
 * needs no private key; a missing or broken key file stops that use with the setting's name.
 */
@ApplicationScoped
public class EventSigning {

    private static final Logger LOG = Logger.getLogger(EventSigning.class);
    /** Bound on a key file: a private key line is ~110 bytes, a trusted key ~140 bytes. */
    private static final long KEY_FILE_BYTES_MAX = 64 * 1024;

    private final String privateKeyFile;
    private final String trustedKeysFile;
    private final Optional<String> trustedKeysInline;
    private volatile EventSigner signer;
    private volatile EventVerifier verifier;

    public EventSigning(@ConfigProperty(name = "tollgate.signing.private-key-file") String privateKeyFile,
                        @ConfigProperty(name = "tollgate.signing.trusted-keys-file") String trustedKeysFile,
                        @ConfigProperty(name = "tollgate.signing.trusted-keys") Optional<String> trustedKeysInline) {
        this.privateKeyFile = privateKeyFile;
        this.trustedKeysFile = trustedKeysFile;
        this.trustedKeysInline = trustedKeysInline;
    }

    /** The signer of this service's records (its private key). */
    public EventSigner signer() {
        EventSigner current = signer;
        if (current == null) {
            synchronized (this) {
                if (signer == null) {
                    String text = read(privateKeyFile, "tollgate.signing.private-key-file", false);
                    try {
                        signer = new EventSigner(SigningKeys.parsePrivate(text));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("tollgate.signing.private-key-file " + privateKeyFile
                                + ": " + e.getMessage(), e);
                    }
                    LOG.infof("events are signed with key %s", signer.keyId());
                }
                current = signer;
            }
        }
        return current;
    }

    /** The verifier of incoming records (the trusted public keys, at least one). */
    public EventVerifier verifier() {
        EventVerifier current = verifier;
        if (current == null) {
            synchronized (this) {
                if (verifier == null) {
                    verifier = loadVerifier();
                    LOG.infof("events are verified against keys %s", verifier.describe());
                }
                current = verifier;
            }
        }
        return current;
    }

    private EventVerifier loadVerifier() {
        List<SigningKeys.Trusted> keys = new ArrayList<>();
        try {
            keys.addAll(SigningKeys.parseTrusted(read(trustedKeysFile, "tollgate.signing.trusted-keys-file",
                    trustedKeysInline.isPresent())));
            keys.addAll(SigningKeys.parseTrusted(trustedKeysInline.orElse("")));
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no trusted keys: every record would be refused");
            }
            return new EventVerifier(keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tollgate.signing.trusted-keys(-file): " + e.getMessage(), e);
        }
    }

    private static String read(String file, String setting, boolean mayBeMissing) {
        Path path = Path.of(file);
        try {
            if (mayBeMissing && !Files.exists(path)) {
                return "";
            }
            if (Files.size(path) > KEY_FILE_BYTES_MAX) {
                throw new IllegalStateException(setting + " " + file + " is larger than " + KEY_FILE_BYTES_MAX
                        + " bytes");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(setting + " " + file + " cannot be read: " + e, e);
        }
    }
}
