package io.tollgate.eventing.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventVerifierTest {

    private static final KeyPair REGULATOR_OLD = SigningKeys.generate();
    private static final KeyPair REGULATOR_NEW = SigningKeys.generate();
    private static final KeyPair ORDER = SigningKeys.generate();

    private final EventVerifier verifier = new EventVerifier(List.of(
            new SigningKeys.Trusted("regulator-1", Provenance.REGULATOR_SERVICE, REGULATOR_OLD.getPublic()),
            new SigningKeys.Trusted("regulator-2", Provenance.REGULATOR_SERVICE, REGULATOR_NEW.getPublic()),
            new SigningKeys.Trusted("order-1", Provenance.ORDER_SERVICE, ORDER.getPublic())));

    private static Grants.Encoded signedGrant(String keyId, KeyPair pair) {
        Grants.Encoded record = Grants.encode(Grants.grant(Provenance.REGULATOR_SERVICE, Instant.now()));
        new EventSigner(keyId, pair.getPrivate(), List.of()).sign(record.headers(), record.value());
        return record;
    }

    @Test
    void bothKeysOfARotationVerify() {
        // given the same source signing with its old and its new key
        Grants.Encoded old = signedGrant("regulator-1", REGULATOR_OLD);
        Grants.Encoded fresh = signedGrant("regulator-2", REGULATOR_NEW);

        // when / then
        assertThat(verifier.verify(old.headers(), old.value()).keyId()).isEqualTo("regulator-1");
        assertThat(verifier.verify(fresh.headers(), fresh.value()).keyId()).isEqualTo("regulator-2");
        assertThat(verifier.verify(fresh.headers(), fresh.value()).owner()).isEqualTo(Provenance.REGULATOR_SERVICE);
    }

    @Test
    void aRetiredKeyNoLongerVerifies() {
        // given a verifier that trusts only the new key
        EventVerifier afterRotation = new EventVerifier(List.of(
                new SigningKeys.Trusted("regulator-2", Provenance.REGULATOR_SERVICE, REGULATOR_NEW.getPublic())));
        Grants.Encoded old = signedGrant("regulator-1", REGULATOR_OLD);

        // when / then
        assertThatThrownBy(() -> afterRotation.verify(old.headers(), old.value()))
                .isInstanceOf(SignatureRejectedException.class)
                .hasMessageContaining("signed by no trusted key").hasMessageContaining("regulator-1");
    }

    @Test
    void anUnsignedRecordIsRefused() {
        Grants.Encoded record = Grants.encode(Grants.grant(Provenance.REGULATOR_SERVICE, Instant.now()));

        assertThatThrownBy(() -> verifier.verify(record.headers(), record.value()))
                .isInstanceOf(SignatureRejectedException.class)
                .hasMessage("ce_dssematerial is missing: the record is unsigned");
    }

    @Test
    void aRightSignatureByAnotherServicesKeyIsRefused() {
        // given a grant claiming the regulator, validly signed with order-service's key
        Grants.Encoded record = signedGrant("order-1", ORDER);

        assertThatThrownBy(() -> verifier.verify(record.headers(), record.value()))
                .isInstanceOf(SignatureRejectedException.class)
                .hasMessageContaining("key order-1 of /tollgate/order-service")
                .hasMessageContaining("not by the claimed ce_source /tollgate/regulator-service");
    }

    @Test
    void aSignatureUnderATrustedKeyIdButAnotherKeyIsRefused() {
        // given a forger's key, claiming the regulator's key id
        Grants.Encoded record = signedGrant("regulator-1", SigningKeys.generate());

        assertThatThrownBy(() -> verifier.verify(record.headers(), record.value()))
                .isInstanceOf(SignatureRejectedException.class)
                .hasMessageContaining("signature by key regulator-1 that does not verify");
    }

    @Test
    void changedDataOrAttributesBreakTheSignature() {
        // given a signed grant whose body is altered by one byte
        Grants.Encoded record = signedGrant("regulator-1", REGULATOR_OLD);
        byte[] altered = record.value().clone();
        altered[altered.length - 2] ^= 1;

        assertThatThrownBy(() -> verifier.verify(record.headers(), altered))
                .isInstanceOf(SignatureRejectedException.class).hasMessageContaining("core digest differs");

        // and a signed grant whose subject is changed
        Grants.Encoded other = signedGrant("regulator-1", REGULATOR_OLD);
        other.headers().remove("ce_subject");
        other.headers().add("ce_subject", "another-order".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(other.headers(), other.value()))
                .isInstanceOf(SignatureRejectedException.class).hasMessageContaining("core digest differs");
    }

    @Test
    void malformedMaterialIsRefusedWithItsReason() {
        assertThat(reasonFor("not base64 !")).contains("is not Base64 of a DSSE JSON envelope");
        assertThat(reasonFor(b64("{\"payloadType\":\"x\",\"payload\":\"\",\"signatures\":[]}")))
                .contains("has payloadType x");
        String material = b64("{\"core\":\"" + b64("short") + "\"}");
        assertThat(reasonFor(b64("{\"payloadType\":\"" + DsseEnvelope.PAYLOAD_TYPE + "\",\"payload\":\""
                + material + "\",\"signatures\":[{\"keyid\":\"regulator-1\",\"sig\":\"AA==\"}]}")))
                .contains("core that is not a Base64 32-byte digest");
        String extWithoutNames = b64("{\"core\":\"" + b64(new String(new char[32])) + "\",\"ext\":\""
                + b64(new String(new char[32])) + "\"}");
        assertThat(reasonFor(b64("{\"payloadType\":\"" + DsseEnvelope.PAYLOAD_TYPE + "\",\"payload\":\""
                + extWithoutNames + "\",\"signatures\":[{\"keyid\":\"regulator-1\",\"sig\":\"AA==\"}]}")))
                .contains("ext and signedextattrs together or neither");
    }

    @Test
    void theSignerRefusesForbiddenSignedExtensionAttributes() {
        assertThatThrownBy(() -> new EventSigner("k", ORDER.getPrivate(), List.of("exta", "exta")))
                .hasMessageContaining("repeats");
        assertThatThrownBy(() -> new EventSigner("k", ORDER.getPrivate(), List.of("subject")))
                .hasMessageContaining("must not name subject");
        assertThatThrownBy(() -> new EventSigner("k", ORDER.getPrivate(), List.of("dssematerial")))
                .hasMessageContaining("must not name dssematerial");
    }

    private String reasonFor(String attribute) {
        Grants.Encoded record = Grants.encode(Grants.grant(Provenance.REGULATOR_SERVICE, Instant.now()));
        record.headers().add(DsseEnvelope.HEADER, attribute.getBytes(StandardCharsets.UTF_8));
        try {
            verifier.verify(record.headers(), record.value());
        } catch (SignatureRejectedException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + attribute);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
