package io.tollgate.eventing.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signed payload of the extension's DSSE envelope: {@code core} (CORE_DIGEST) and, only when
 * extension attributes are signed, {@code ext} (EXT_DIGEST) with their names in
 * {@code signedextattrs}.
 */
record VerificationMaterial(byte[] core, byte[] ext, List<String> signedExtAttrs) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DIGEST_LENGTH = 32;
    /** Bound on signed extension attributes (the extension sets none; a producer signs a few). */
    static final int SIGNED_EXT_ATTRS_MAX = 16;

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("core", Base64.getEncoder().encodeToString(core));
        if (!signedExtAttrs.isEmpty()) {
            root.put("ext", Base64.getEncoder().encodeToString(ext));
            signedExtAttrs.forEach(root.putArray("signedextattrs")::add);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write verification material", e);
        }
    }

    /** Step 6 of the extension's verification protocol; unknown fields are ignored. */
    static VerificationMaterial parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new SignatureRejectedException("has a payload that is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new SignatureRejectedException("has a payload that is not a JSON object");
        }
        byte[] core = digest(root, "core");
        if (core == null) {
            throw new SignatureRejectedException("has no core digest");
        }
        byte[] ext = digest(root, "ext");
        JsonNode names = root.get("signedextattrs");
        if ((ext == null) != (names == null)) {
            throw new SignatureRejectedException("must carry ext and signedextattrs together or neither");
        }
        List<String> signed = new ArrayList<>();
        if (names != null) {
            if (!names.isArray() || names.size() > SIGNED_EXT_ATTRS_MAX) {
                throw new SignatureRejectedException("has signedextattrs that is not an array of at most "
                        + SIGNED_EXT_ATTRS_MAX + " names");
            }
            for (JsonNode name : names) {
                if (!name.isTextual()) {
                    throw new SignatureRejectedException("has a signedextattrs entry that is not a string");
                }
                signed.add(name.asText());
            }
            try {
                DigestChain.checkSignedExtAttrs(signed);
            } catch (IllegalArgumentException e) {
                throw new SignatureRejectedException("is refused: " + e.getMessage());
            }
        }
        return new VerificationMaterial(core, ext, List.copyOf(signed));
    }

    private static byte[] digest(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = value.isTextual() ? Base64.getDecoder().decode(value.asText()) : null;
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != DIGEST_LENGTH) {
            throw new SignatureRejectedException("has a " + field + " that is not a Base64 32-byte digest");
        }
        return bytes;
    }
}
