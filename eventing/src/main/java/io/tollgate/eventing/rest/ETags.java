package io.tollgate.eventing.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Strong entity tags of JSON representations: the SHA-256 (base64url, first 128 bits) of the bytes
 * the service sends, so two reads give the same tag exactly when they give the same body. Reads mark
 * themselves with {@link StrongETag}; writes that replace or act on a resource the client read check
 * its {@code If-Match} with {@link #requireMatch} (412 PRECONDITION_FAILED when stale).
 */
@ApplicationScoped
public class ETags {

    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";
    /** Longest If-Match / If-None-Match header read; a list of tags longer than this is refused. */
    static final int HEADER_CHARS_MAX = 1_000;
    private static final int TAG_BYTES = 16;

    private final ObjectMapper json;

    public ETags(ObjectMapper json) {
        this.json = json;
    }

    /** The body {@code entity} is sent as. */
    public byte[] bodyOf(Object entity) {
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + entity.getClass().getSimpleName(), e);
        }
    }

    /** The quoted strong tag of {@code body}, e.g. {@code "q1w2e3…"}. */
    public static String tagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            byte[] head = java.util.Arrays.copyOf(digest, TAG_BYTES);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(head) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The tag a read of {@code current} would carry. */
    public String tagOf(Object current) {
        return tagOf(bodyOf(current));
    }

    /**
     * Passes when {@code ifMatch} is absent (clients that do not send it keep working), {@code *}, or
     * names the current tag of {@code current}; otherwise 412 naming the header and the current tag.
     */
    public void requireMatch(String ifMatch, Object current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String tag = tagOf(current);
        if (!anyMatches(ifMatch, tag, false)) {
            throw new ProblemException(412, "PRECONDITION_FAILED", IF_MATCH, "the resource changed since "
                    + "it was read: its current ETag is " + tag + "; read it again and retry with that");
        }
    }

    /**
     * Whether a header's list of tags names {@code tag}. {@code weak} comparison (If-None-Match, RFC
     * 9110 13.1.2) ignores a {@code W/} prefix; strong comparison (If-Match) never matches a weak tag.
     */
    static boolean anyMatches(String header, String tag, boolean weak) {
        if (header.length() > HEADER_CHARS_MAX) {
            if (weak) {
                return false; // an overlong If-None-Match only costs the client the full body
            }
            throw ProblemException.limitExceeded(400, IF_MATCH,
                    "the header is longer than " + HEADER_CHARS_MAX + " characters");
        }
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                if (!weak) {
                    continue;
                }
                c = c.substring(2);
            }
            if (c.equals(tag)) {
                return true;
            }
        }
        return false;
    }

}
