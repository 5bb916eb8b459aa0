package io.tollgate.eventing.signing;

import io.tollgate.contracts.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Verifies a record's {@code ce_dssematerial} as the "Verifiable CloudEvents with DSSE" extension's
 * verification protocol says, against the trusted keys only, and also requires the signing key to
 * belong to the service the record names as its {@code ce_source}: a valid signature by another
 * service's key is refused. Every record must be signed. Thread-safe.
 */
public final class EventVerifier {

    /** What a successful verification proved: who signed, and the material to keep as evidence. */
    public record Verified(String keyId, String owner, String material) {
    }

    private final Map<String, SigningKeys.Trusted> trusted;
    /** Each trusted key decoded once for verification, by key id. */
    private final Map<String, Ed25519PublicKeyParameters> verifying;

    public EventVerifier(List<SigningKeys.Trusted> keys) {
        Map<String, SigningKeys.Trusted> byId = new LinkedHashMap<>();
        for (SigningKeys.Trusted key : keys) {
            if (byId.put(key.keyId(), key) != null) {
                throw new IllegalArgumentException("trusted key id " + key.keyId() + " is listed twice");
            }
        }
        this.trusted = Map.copyOf(byId);
        Map<String, Ed25519PublicKeyParameters> decoded = new HashMap<>();
        byId.forEach((id, key) -> decoded.put(id, Ed25519.verifyingKey(key.key())));
        this.verifying = Map.copyOf(decoded);
    }

    /** The trusted key ids, for start-up logs. */
    public String describe() {
        return trusted.values().stream().map(k -> k.keyId() + " (" + k.owner() + ")")
                .sorted().collect(Collectors.joining(", "));
    }

    /**
     * Verifies the record's signature, signer and digests; throws {@link SignatureRejectedException}
     * naming why the record cannot be trusted.
     */
    public Verified verify(Headers headers, byte[] value) {
        String attribute = text(headers, DsseEnvelope.HEADER);
        if (attribute == null || attribute.isEmpty()) {
            throw new SignatureRejectedException("is missing: the record is unsigned");
        }
        DsseEnvelope envelope = DsseEnvelope.parse(attribute);
        VerificationMaterial material = VerificationMaterial.parse(envelope.payload());
        SigningKeys.Trusted signer = trustedSigner(envelope);
        String source = text(headers, "ce_source");
        if (!signer.owner().equals(source)) {
            throw new SignatureRejectedException("is signed by key " + signer.keyId() + " of "
                    + signer.owner() + ", not by the claimed ce_source " + source);
        }
        if (!MessageDigest.isEqual(material.core(), DigestChain.core(headers, value))) {
            throw new SignatureRejectedException("does not match the record: its attributes or data"
                    + " were changed after signing (core digest differs)");
        }
        if (material.ext() != null
                && !MessageDigest.isEqual(material.ext(), DigestChain.ext(headers, material.signedExtAttrs()))) {
            throw new SignatureRejectedException("does not match the record: the signed extension"
                    + " attributes " + material.signedExtAttrs() + " were changed after signing");
        }
        return new Verified(signer.keyId(), signer.owner(), attribute);
    }

    /** Step 7: the first signature by a trusted key that verifies over PAE(type, payload). */
    private SigningKeys.Trusted trustedSigner(DsseEnvelope envelope) {
        byte[] pae = DsseEnvelope.pae(envelope.payloadType(), envelope.payload());
        String failed = null;
        for (DsseEnvelope.Signature s : envelope.signatures()) {
            SigningKeys.Trusted key = trusted.get(s.keyId());
            if (key == null) {
                continue;
            }
            if (verifies(key, pae, s.sig())) {
                return key;
            }
            failed = s.keyId();
        }
        if (failed != null) {
            throw new SignatureRejectedException("has a signature by key " + failed + " that does not verify");
        }
        throw new SignatureRejectedException("is signed by no trusted key (key ids "
                + envelope.signatures().stream().map(DsseEnvelope.Signature::keyId)
                        .map(EventVerifier::printable).toList() + ")");
    }

    private boolean verifies(SigningKeys.Trusted key, byte[] pae, byte[] sig) {
        return Ed25519.verify(verifying.get(key.keyId()), pae, sig);
    }

    /** A key id from the wire, cut and stripped of anything but printable ASCII, for the reason. */
    private static String printable(String keyId) {
        String cut = keyId.length() > SigningKeys.KEY_ID_LENGTH_MAX
                ? keyId.substring(0, SigningKeys.KEY_ID_LENGTH_MAX) + "…" : keyId;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }

    private static String text(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
