package io.tollgate.eventing.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE v1.0.2 JSON envelope as the verifiability extension carries it in {@code dssematerial}:
 * the payload (the UTF-8 JSON verification material), its payload type and the signatures, each a
 * key id and the signature over {@link #pae} of type and payload.
 */
record DsseEnvelope(byte[] payload, String payloadType, List<Signature> signatures) {

    /** The extension attribute; {@code ce_dssematerial} on a Kafka record in binary mode. */
    static final String ATTRIBUTE = "dssematerial";
    static final String HEADER = "ce_" + ATTRIBUTE;
    static final String PAYLOAD_TYPE = "https://cloudevents.io/verifiability/dsse/v0.1";
    /** Bound on the header (Base64 of the envelope): one or two signatures need well under 1 KB. */
    static final int HEADER_LENGTH_MAX = 8_192;
    /** Bound on the signatures one envelope may carry (a producer signs once; rotation adds one). */
    static final int SIGNATURES_MAX = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One signature: who signed (key id) and the raw signature bytes. */
    record Signature(String keyId, byte[] sig) {
    }

    /** DSSE's pre-authentication encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}. */
    static byte[] pae(String payloadType, byte[] body) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + body.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The attribute's value: Base64 of the envelope's UTF-8 JSON (a Binary attribute's string form). */
    String toAttribute() {
        ObjectNode root = JSON.createObjectNode();
        root.put("payload", Base64.getEncoder().encodeToString(payload));
        root.put("payloadType", payloadType);
        ArrayNode sigs = root.putArray("signatures");
        for (Signature s : signatures) {
            sigs.addObject().put("keyid", s.keyId()).put("sig", Base64.getEncoder().encodeToString(s.sig()));
        }
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a DSSE envelope", e);
        }
    }

    /**
     * Reads the attribute's value (steps 3 to 5 of the extension's verification protocol); unknown
     * fields are ignored. Throws {@link SignatureRejectedException} naming what is wrong.
     */
    static DsseEnvelope parse(String attribute) {
        if (attribute.length() > HEADER_LENGTH_MAX) {
            throw new SignatureRejectedException("is longer than " + HEADER_LENGTH_MAX + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Base64.getDecoder().decode(attribute));
        } catch (IllegalArgumentException | IOException e) {
            throw new SignatureRejectedException("is not Base64 of a DSSE JSON envelope");
        }
        if (root == null || !root.isObject()) {
            throw new SignatureRejectedException("is not a DSSE JSON envelope");
        }
        String type = text(root, "payloadType");
        if (!PAYLOAD_TYPE.equals(type)) {
            throw new SignatureRejectedException("has payloadType " + type + ", expected " + PAYLOAD_TYPE);
        }
        byte[] payload = base64(text(root, "payload"), "payload");
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
            throw new SignatureRejectedException("carries no signatures");
        }
        if (sigs.size() > SIGNATURES_MAX) {
            throw new SignatureRejectedException("carries more than " + SIGNATURES_MAX + " signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode s : sigs) {
            signatures.add(new Signature(String.valueOf(text(s, "keyid")), base64(text(s, "sig"), "sig")));
        }
        return new DsseEnvelope(payload, type, signatures);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** DSSE accepts standard and URL-safe Base64 alike. */
    private static byte[] base64(String value, String field) {
        if (value == null) {
            throw new SignatureRejectedException("has no " + field);
        }
        try {
            return value.indexOf('-') >= 0 || value.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(value) : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejectedException("has a " + field + " that is not Base64");
        }
    }
}
