package io.tollgate.eventing.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the "Verifiable CloudEvents with DSSE" digest chain step by step from the extension's
 * text, with a small implementation of its own (nothing from the production signing classes but
 * the signed record they make), and checks it first against the extension's own test vectors and
 * then against an envelope the production signer made.
 */
class DigestChainByTheTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYLOAD_TYPE = "https://cloudevents.io/verifiability/dsse/v0.1";

    // --- the extension's text, implemented here -------------------------------------------------

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Signing Protocol steps 3 and 4: nine digests appended in order, then the digest of that. */
    private static byte[] coreDigest(String id, String source, String specversion, String type,
                                     String datacontenttype, String dataschema, String subject,
                                     String time, byte[] data) throws Exception {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        chain.write(sha256(utf8(id)));                    // 3.1
        chain.write(sha256(utf8(source)));                // 3.2
        chain.write(sha256(utf8(specversion)));           // 3.3
        chain.write(sha256(utf8(type)));                  // 3.4
        chain.write(sha256(utf8(datacontenttype)));       // 3.5
        chain.write(sha256(utf8(dataschema)));            // 3.6
        chain.write(sha256(utf8(subject)));               // 3.7
        chain.write(sha256(utf8(time == null ? null       // 3.8: UTC, whole seconds
                : OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS).toInstant().toString())));
        chain.write(sha256(data == null ? new byte[0] : data)); // 3.9: raw bytes
        return sha256(chain.toByteArray());               // 4
    }

    /** Signing Protocol step 5: the value digests of the named attributes, in the list's order. */
    private static byte[] extDigest(String... values) throws Exception {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        for (String value : values) {
            chain.write(sha256(utf8(value)));
        }
        return sha256(chain.toByteArray());
    }

    /** DSSE v1.0.2 PAE: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal. */
    private static byte[] pae(String type, byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("DSSEv1 " + utf8(type).length + " " + type + " " + body.length + " ")
                .getBytes(StandardCharsets.UTF_8));
        out.write(body);
        return out.toByteArray();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String header(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    // --- the tests --------------------------------------------------------------------------------

    @Test
    void ownImplementationReproducesTheExtensionsVectors() throws Exception {
        // Case 5 (binary data, no time, no subject): core of its verification material.
        byte[] case5 = coreDigest("1", "example/uri", "1.0", "example.type.binary", "application/octet-stream",
                null, null, null, Base64.getDecoder().decode("8J+koQ=="));
        assertThat(b64(case5)).isEqualTo("qCSeiZkS+hH9WiClfq6plfqYNVy2kvxWRfoBrLEzoDk=");
        // The walkthrough's one signed extension attribute, and Case 7's two.
        assertThat(b64(extDigest("value1"))).isEqualTo("kU1P8bDaEnyNhglWzdTJNHh77khNWSZebBUxufVM2pU=");
        assertThat(b64(extDigest("value1", "value2"))).isEqualTo("HB1pe431FoQZRsJbyLNMq0QaAvqPtmhdi8dHGShbJAU=");
        // Cases 3 and 4: one instant written in two zones digests the same.
        assertThat(coreDigest("1", "s", "1.0", "t", null, null, "", "2020-06-18T19:24:53.250+02:00", null))
                .isEqualTo(coreDigest("1", "s", "1.0", "t", null, null, null, "2020-06-18T17:24:53Z", null));
    }

    @Test
    void productionSignatureIsTheExtensionsDigestChainSignedOverPae() throws Exception {
        // given a grant as the regulator publishes it, with a sub-second time
        KeyPair pair = SigningKeys.generate();
        Envelope envelope = Grants.grant(Provenance.REGULATOR_SERVICE, Instant.parse("2026-12-06T04:27:56.123456Z"));
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode("tollgate.authorizations.v1", headers, envelope);

        // when the production signer signs it
        new EventSigner("regulator-test", pair.getPrivate(), List.of()).sign(headers, value);

        // then dssematerial is Base64 of a DSSE JSON envelope of the extension's payload type
        JsonNode dsse = JSON.readTree(Base64.getDecoder().decode(header(headers, "ce_dssematerial")));
        assertThat(dsse.get("payloadType").asText()).isEqualTo(PAYLOAD_TYPE);
        byte[] payload = Base64.getDecoder().decode(dsse.get("payload").asText());
        JsonNode material = JSON.readTree(payload);
        // no extension attribute is signed: ext and signedextattrs are both absent
        assertThat(material.has("ext")).isFalse();
        assertThat(material.has("signedextattrs")).isFalse();
        // and core is the chain recomputed here from the record's own headers and bytes
        byte[] expected = coreDigest(header(headers, "ce_id"), header(headers, "ce_source"),
                header(headers, "ce_specversion"), header(headers, "ce_type"), header(headers, "content-type"),
                header(headers, "ce_dataschema"), header(headers, "ce_subject"), header(headers, "ce_time"), value);
        assertThat(material.get("core").asText()).isEqualTo(b64(expected));
        // the attributes hashed are the envelope's own, time cut to the second
        assertThat(expected).isEqualTo(coreDigest(envelope.id(), "/tollgate/regulator-service", "1.0",
                envelope.type(), "application/json", null, envelope.subject(), "2026-12-06T04:27:56Z", value));
        // and the one signature is Ed25519 by the named key over PAE(payloadType, payload)
        assertThat(dsse.get("signatures")).hasSize(1);
        JsonNode sig = dsse.get("signatures").get(0);
        assertThat(sig.get("keyid").asText()).isEqualTo("regulator-test");
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(pair.getPublic());
        ed25519.update(pae(PAYLOAD_TYPE, payload));
        assertThat(ed25519.verify(Base64.getDecoder().decode(sig.get("sig").asText()))).isTrue();
    }

    @Test
    void signedExtensionAttributesAreDigestedInTheListsOrder() throws Exception {
        // given a record with two extension attributes, signed over both in the order (b, a)
        KeyPair pair = SigningKeys.generate();
        Envelope envelope = Grants.grant(Provenance.REGULATOR_SERVICE, Instant.parse("2026-12-06T04:27:56Z"));
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode("tollgate.authorizations.v1", headers, envelope);
        headers.add("ce_exta", utf8("value1"));
        headers.add("ce_extb", utf8("value2"));

        // when
        new EventSigner("k", pair.getPrivate(), List.of("extb", "exta")).sign(headers, value);

        // then
        JsonNode dsse = JSON.readTree(Base64.getDecoder().decode(header(headers, "ce_dssematerial")));
        JsonNode material = JSON.readTree(Base64.getDecoder().decode(dsse.get("payload").asText()));
        assertThat(material.get("signedextattrs").toString()).isEqualTo("[\"extb\",\"exta\"]");
        assertThat(material.get("ext").asText()).isEqualTo(b64(extDigest("value2", "value1")));
    }
}
