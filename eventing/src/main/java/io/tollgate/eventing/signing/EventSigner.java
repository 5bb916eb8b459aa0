package io.tollgate.eventing.signing;

import io.tollgate.contracts.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Signs an encoded record as the "Verifiable CloudEvents with DSSE" extension specifies: the
 * digest chain of its {@code ce_*} headers, content type and value (plus the named extension
 * attributes), wrapped in a DSSE envelope signed with Ed25519 under {@link #keyId()}, written to
 * the {@code ce_dssematerial} header. Sign last: any header or byte of the value changed after this
 * breaks the signature. Thread-safe.
 */
public final class EventSigner {

    /** The Kafka header the signature travels in ({@code ce_dssematerial}), for callers that store it. */
    public static final String HEADER = DsseEnvelope.HEADER;

    private final String keyId;
    private final Ed25519PrivateKeyParameters key;
    private final List<String> signedExtAttrs;

    public EventSigner(String keyId, PrivateKey key, List<String> signedExtAttrs) {
        this.keyId = keyId;
        this.key = Ed25519.signingKey(key);
        this.signedExtAttrs = List.copyOf(signedExtAttrs);
        if (signedExtAttrs.size() > VerificationMaterial.SIGNED_EXT_ATTRS_MAX) {
            throw new IllegalArgumentException("at most " + VerificationMaterial.SIGNED_EXT_ATTRS_MAX
                    + " signed extension attributes");
        }
        DigestChain.checkSignedExtAttrs(this.signedExtAttrs);
    }

    public EventSigner(SigningKeys.Signing signing) {
        this(signing.keyId(), signing.key(), List.of());
    }

    public String keyId() {
        return keyId;
    }

    /** Adds (or replaces) the {@code ce_dssematerial} header of a record about to be sent. */
    public void sign(Headers headers, byte[] value) {
        headers.remove(DsseEnvelope.HEADER);
        byte[] ext = signedExtAttrs.isEmpty() ? null : DigestChain.ext(headers, signedExtAttrs);
        byte[] material = new VerificationMaterial(DigestChain.core(headers, value), ext, signedExtAttrs)
                .toJson();
        byte[] sig = Ed25519.sign(key, DsseEnvelope.pae(DsseEnvelope.PAYLOAD_TYPE, material));
        String attribute = new DsseEnvelope(material, DsseEnvelope.PAYLOAD_TYPE,
                List.of(new DsseEnvelope.Signature(keyId, sig))).toAttribute();
        headers.add(DsseEnvelope.HEADER, attribute.getBytes(StandardCharsets.US_ASCII));
    }
}
