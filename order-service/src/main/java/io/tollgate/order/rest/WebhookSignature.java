package io.tollgate.order.rest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as the receiver checks it: {@code Tollgate-Signature: t=<unix seconds>,v1=<hex>}
 * where the hex is HMAC-SHA256 under the subscription's secret bytes of {@code "<t>." + body}. The
 * time is inside the signed text, so a receiver that checks it is recent refuses an old delivery
 * replayed with its signature.
 */
final class WebhookSignature {

    static final String HEADER = "Tollgate-Signature";
    /** Bytes of a subscription's secret. */
    static final int SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@value #SECRET_BYTES} random bytes, base64url without padding. */
    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The header value for {@code body} sent at {@code unixSeconds} under {@code secret} (base64url). */
    static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(secret), ALGORITHM));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK always has " + ALGORITHM, e);
        }
    }
}
