package io.tollgate.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The text forms of the Ed25519 keys that sign events (see eventing's signing package), shared by
 * the services, the launcher and the test kit. A private key file holds one line
 * {@code <key id> <Base64 PKCS#8>}; a trusted-keys list holds one line per public key,
 * {@code <key id> <ce_source of its owner> <Base64 X.509>}, blank lines and {@code #} comments
 * ignored. Key ids are {@code [A-Za-z0-9._-]}, at most {@value #KEY_ID_LENGTH_MAX} characters.
 */
public final class SigningKeys {

    public static final String ALGORITHM = "Ed25519";
    public static final int KEY_ID_LENGTH_MAX = 64;
    /** Bound on a trusted-keys list: a few services, each with a few keys during rotation. */
    public static final int TRUSTED_KEYS_MAX = 64;
    private static final String KEY_ID_PATTERN = "[A-Za-z0-9._-]{1," + KEY_ID_LENGTH_MAX + "}";

    /** A private key and the id it signs under. */
    public record Signing(String keyId, PrivateKey key) {
    }

    /** A public key, the id signatures name it by, and the {@code ce_source} of the service owning it. */
    public record Trusted(String keyId, String owner, PublicKey key) {
    }

    private SigningKeys() {
    }

    /** A fresh Ed25519 key pair from the JDK. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
    }

    /** {@code <prefix>-<first 12 hex digits of SHA-256 of the public key>}: unique per key pair. */
    public static String keyIdFor(String prefix, PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return prefix + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String privateKeyLine(String keyId, PrivateKey key) {
        return checkKeyId(keyId) + " " + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String trustedKeyLine(String keyId, String owner, PublicKey key) {
        return checkKeyId(keyId) + " " + checkOwner(owner) + " "
                + Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Reads a private key file's text; the message names what is wrong, never the key. */
    public static Signing parsePrivate(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a private key file holds one line: <key id> <Base64 PKCS#8>");
        }
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
            return new Signing(checkKeyId(parts[0]), key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key of " + parts[0]
                    + " is not a Base64 PKCS#8 " + ALGORITHM + " key");
        }
    }

    /** Reads a trusted-keys list; refuses repeated key ids and more than {@link #TRUSTED_KEYS_MAX}. */
    public static List<Trusted> parseTrusted(String text) {
        List<Trusted> keys = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("[\\n,]")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3) {
                throw new IllegalArgumentException("trusted key " + lineNo
                        + " must be <key id> <ce_source> <Base64 X.509>");
            }
            String keyId = checkKeyId(parts[0]);
            if (keys.stream().anyMatch(k -> k.keyId().equals(keyId))) {
                throw new IllegalArgumentException("trusted key id " + keyId + " is listed twice");
            }
            keys.add(new Trusted(keyId, checkOwner(parts[1]), publicKey(keyId, parts[2])));
            if (keys.size() > TRUSTED_KEYS_MAX) {
                throw new IllegalArgumentException("more than " + TRUSTED_KEYS_MAX + " trusted keys");
            }
        }
        return keys;
    }

    private static PublicKey publicKey(String keyId, String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the public key of " + keyId
                    + " is not a Base64 X.509 " + ALGORITHM + " key");
        }
    }

    private static String checkKeyId(String keyId) {
        if (keyId == null || !keyId.matches(KEY_ID_PATTERN)) {
            throw new IllegalArgumentException("a key id must match " + KEY_ID_PATTERN + ": " + keyId);
        }
        return keyId;
    }

    private static String checkOwner(String owner) {
        if (owner == null || !owner.startsWith("/") || owner.length() > 200
                || !owner.equals(new String(owner.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("a key's owner must be a ce_source such as "
                    + Provenance.REGULATOR_SERVICE + ": " + owner);
        }
        return owner;
    }
}
