package io.tollgate.eventing.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.SigningKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Eventing signs and verifies with Bouncy Castle's Ed25519 over the JDK's keys: it must sign
 * exactly as the JDK provider does (Ed25519 is deterministic) and accept and refuse exactly the
 * 64-byte signatures the JDK accepts and refuses, tampered ones included, so records signed or
 * checked before the change read the same after it. It is stricter in one way: a signature of
 * another length is refused, where the JDK 17 provider accepts a valid one with bytes appended.
 */
class Ed25519Test {

    /** The order of the group (RFC 8032, L): S must be below it. */
    private static final BigInteger L = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void signsAsTheJdkDoesAndAgreesWithItOnEverySignatureValidOrTampered() throws GeneralSecurityException {
        Random random = new Random(20261206L);
        for (int keyNo = 0; keyNo < 8; keyNo++) {
            KeyPair pair = SigningKeys.generate();
            KeyPair other = SigningKeys.generate();
            Ed25519PrivateKeyParameters signing = Ed25519.signingKey(pair.getPrivate());
            Ed25519PublicKeyParameters verifying = Ed25519.verifyingKey(pair.getPublic());
            for (int i = 0; i < 40; i++) {
                byte[] message = new byte[random.nextInt(1_200)];
                random.nextBytes(message);

                // same signature as the JDK's
                byte[] sig = Ed25519.sign(signing, message);
                assertThat(sig).isEqualTo(jdkSign(pair, message));

                // the same verdict on the signature and on every kind of tampering
                assertAgree(pair.getPublic(), verifying, message, sig);
                assertAgree(other.getPublic(), Ed25519.verifyingKey(other.getPublic()), message, sig);
                byte[] flipped = sig.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                assertAgree(pair.getPublic(), verifying, message, flipped);
                if (message.length > 0) {
                    byte[] changed = message.clone();
                    changed[random.nextInt(changed.length)] ^= 1;
                    assertAgree(pair.getPublic(), verifying, changed, sig);
                }
                // a signature is 64 bytes: shorter or longer is refused (the JDK 17 provider ignores
                // bytes after the 64th and accepts a valid signature with a tail: stricter here)
                assertThat(Ed25519.verify(verifying, message, Arrays.copyOf(sig, 63))).isFalse();
                assertThat(Ed25519.verify(verifying, message, Arrays.copyOf(sig, 65))).isFalse();
                assertThat(Ed25519.verify(verifying, message, new byte[0])).isFalse();
                assertAgree(pair.getPublic(), verifying, message, withSPlusL(sig));
                byte[] random64 = new byte[64];
                random.nextBytes(random64);
                assertAgree(pair.getPublic(), verifying, message, random64);
            }
        }
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRefusedWhenRead() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        KeyPair notEd = ec.generateKeyPair();

        assertThatThrownBy(() -> Ed25519.verifyingKey(notEd.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an Ed25519 public key");
        assertThatThrownBy(() -> Ed25519.signingKey(notEd.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an Ed25519 private key");
    }

    private static void assertAgree(PublicKey jdkKey, Ed25519PublicKeyParameters key, byte[] message, byte[] sig)
            throws GeneralSecurityException {
        assertThat(Ed25519.verify(key, message, sig)).as("verdict on %d-byte signature", sig.length)
                .isEqualTo(jdkVerify(jdkKey, message, sig));
    }

    /** The same signature with S + L in place of S: a non-canonical S, which RFC 8032 refuses. */
    private static byte[] withSPlusL(byte[] sig) {
        byte[] le = Arrays.copyOfRange(sig, 32, 64);
        byte[] be = reverse(le);
        BigInteger s = new BigInteger(1, be).add(L);
        byte[] sum = s.toByteArray();
        byte[] out = sig.clone();
        byte[] sumLe = reverse(sum);
        Arrays.fill(out, 32, 64, (byte) 0);
        System.arraycopy(sumLe, 0, out, 32, Math.min(32, sumLe.length));
        return out;
    }

    private static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private static byte[] jdkSign(KeyPair pair, byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance(SigningKeys.ALGORITHM);
        s.initSign(pair.getPrivate());
        s.update(message);
        return s.sign();
    }

    private static boolean jdkVerify(PublicKey key, byte[] message, byte[] sig) throws GeneralSecurityException {
        Signature v = Signature.getInstance(SigningKeys.ALGORITHM);
        v.initVerify(key);
        v.update(message);
        try {
            return v.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
