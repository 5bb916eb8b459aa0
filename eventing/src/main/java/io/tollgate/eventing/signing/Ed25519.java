package io.tollgate.eventing.signing;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Ed25519 (RFC 8032, pure) signatures, computed by Bouncy Castle's lightweight implementation over
 * the keys the JDK reads and writes (PKCS#8 and X.509 encodings, {@code SigningKeys}). Every event
 * is signed once and verified by every consumer, so this cost bounds every pipeline: the JDK 17
 * provider spends 620–790 µs of CPU on one verification on this project's reference machine,
 * Bouncy Castle 67–117 µs (see docs/benchmarks.md, "Signing and verifying events"). Ed25519 is
 * deterministic, and both follow the RFC: {@code Ed25519Test} pins that they produce the same
 * signatures and accept and refuse the same 64-byte ones. A signature of another length is refused
 * here, where the JDK 17 provider accepts a valid one with bytes appended. The key objects hold the
 * decoded point, so decode a key once and keep it.
 */
final class Ed25519 {

    private Ed25519() {
    }

    /** The signing form of a JDK Ed25519 private key. */
    static Ed25519PrivateKeyParameters signingKey(PrivateKey key) {
        try {
            return as(Ed25519PrivateKeyParameters.class, PrivateKeyFactory.createKey(key.getEncoded()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** The verifying form of a JDK Ed25519 public key. */
    static Ed25519PublicKeyParameters verifyingKey(PublicKey key) {
        try {
            return as(Ed25519PublicKeyParameters.class, PublicKeyFactory.createKey(key.getEncoded()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** False for a signature that does not verify, including one of the wrong length. */
    static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private static <T> T as(Class<T> type, AsymmetricKeyParameter key) {
        if (!type.isInstance(key)) {
            throw new IllegalArgumentException("it is a " + key.getClass().getSimpleName());
        }
        return type.cast(key);
    }
}
