package io.tollgate.eventing.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs RS256 JWTs with the test key pair in {@code jwt/} (test-only keys: the public half is what
 * eventing's own tests configure as {@code mp.jwt.verify.publickey.location}).
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.tollgate.local";
    public static final String AUDIENCE = "tollgate";

    private TestTokens() {
    }

    /** Claims of a valid token for {@code subject} with {@code groups}, expiring in 5 minutes. */
    public static Map<String, Object> claims(String subject, List<String> groups) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("groups", groups);
        return claims;
    }

    public static String sign(Map<String, Object> claims) {
        try {
            ObjectMapper json = new ObjectMapper();
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = b64.encodeToString(json.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(rsa.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the test token", e);
        }
    }

    private static PrivateKey privateKey() throws IOException, GeneralSecurityException {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream("jwt/test-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("jwt/test-private.pem is not on the test classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }
}
