package io.tollgate.order.rest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as the receiver checks it: {@code Tollgate-Signature: t=<unix seconds>,v1=<hex>}
 * where the hex is HMAC-SHA256 under the subscription's secret bytes of {@code "<t>." + body}. The
 * time is inside the signed text, so a receiver that checks it is recent refuses an old delivery
 * replayed with its signature. During a rotation's grace one {@code v1} follows per secret, the new
 * one first ({@code t=…,v1=<new>,v1=<old>}); the receiver accepts if any matches.
 */
final class WebhookSignature {

    static final String HEADER = "Tollgate-Signature";
    /** Bytes of a subscription's secret. */
    static final int SECRET_BYTES = 32;
    /** Secrets a delivery is signed with at once: the current one and, during a grace, the old one. */
    static final int SECRETS_MAX = 2;
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

    /**
     * The header value for {@code body} sent at {@code unixSeconds}: one {@code v1} per secret
     * (base64url), in the order given.
     */
    static String header(List<String> secrets, long unixSeconds, byte[] body) {
        if (secrets.isEmpty() || secrets.size() > SECRETS_MAX) {
            throw new IllegalArgumentException("a delivery is signed with 1 to " + SECRETS_MAX + " secrets: "
                    + secrets.size());
        }
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(HexFormat.of().formatHex(hmac(secret, unixSeconds, body)));
        }
        return header.toString();
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
