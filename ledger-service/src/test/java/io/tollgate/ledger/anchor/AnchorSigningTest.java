package io.tollgate.ledger.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.AnchorCodec;
import io.tollgate.contracts.LedgerCheckpointAnchoredV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SigningKeys;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.signing.EventSigner;
import io.tollgate.eventing.signing.EventVerifier;
import io.tollgate.eventing.signing.SignatureRejectedException;
import io.tollgate.eventing.testkit.TestSigning;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Anchors are signed with the ledger's key and taken only when that signature verifies. */
class AnchorSigningTest {

    private static final String LEDGER = "ledger-service";
    private final EventVerifier verifier = new EventVerifier(SigningKeys.parseTrusted(
            TestSigning.keyOf(LEDGER).trustedLine(Provenance.LEDGER_SERVICE) + "\n"
                    + TestSigning.keyOf("order-service").trustedLine(Provenance.ORDER_SERVICE)));

    @Test
    void anAnchorSignedByTheLedgerVerifiesAndIsTaken() {
        // given
        ConsumerRecord<String, byte[]> record = signed(anchor(5), TestSigning.keyOf(LEDGER).signer());
        AnchorSet set = new AnchorSet();

        // when
        EventVerifier.Verified verified = verifier.verify(record.headers(), record.value());
        PublishedAnchors.add(set, verifier, record);

        // then
        assertThat(verified.owner()).isEqualTo(Provenance.LEDGER_SERVICE);
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.firstRejected()).isNull();
        assertThat(set.of(1).get("tollgate.orders.v1/0").get(5L).entryHash()).isEqualTo("ab".repeat(32));
    }

    @Test
    void anAnchorChangedAfterSigningIsRefused() {
        // given a signed anchor whose seq is then moved (value re-encoded, old signature kept)
        ConsumerRecord<String, byte[]> record = signed(anchor(5), TestSigning.keyOf(LEDGER).signer());
        RecordHeaders headers = new RecordHeaders();
        byte[] moved = AnchorCodec.encode(headers, new String(record.headers().lastHeader("ce_id").value()), anchor(6));
        headers.add(record.headers().lastHeader(EventSigner.HEADER));
        AnchorSet set = new AnchorSet();

        // when / then
        assertThatThrownBy(() -> verifier.verify(headers, moved)).isInstanceOf(SignatureRejectedException.class)
                .hasMessageContaining("core digest");
        PublishedAnchors.add(set, verifier, record(headers, moved));
        assertThat(set.size()).isZero();
        assertThat(set.firstRejected()).contains("core digest");
    }

    @Test
    void anAnchorSignedByAnotherServiceOrAnUntrustedKeyIsRefused() {
        for (EventSigner forger : List.of(TestSigning.keyOf("order-service").signer(),
                TestSigning.fresh("forger").signer())) {
            // given
            AnchorSet set = new AnchorSet();

            // when
            PublishedAnchors.add(set, verifier, signed(anchor(5), forger));

            // then
            assertThat(set.size()).isZero();
            assertThat(set.firstRejected()).containsAnyOf("not by the claimed ce_source", "no trusted key");
        }
    }

    @Test
    void anUnsignedAnchorIsRefused() {
        // given
        RecordHeaders headers = new RecordHeaders();
        byte[] value = AnchorCodec.encode(headers, UUID.randomUUID().toString(), anchor(5));
        AnchorSet set = new AnchorSet();

        // when
        PublishedAnchors.add(set, verifier, record(headers, value));

        // then
        assertThat(set.firstRejected()).contains("unsigned");
    }

    @Test
    void twoAnchorsOfOnePointWithDifferentHashesAreAConflict() {
        // given
        AnchorSet set = new AnchorSet();
        set.add(new ChainPoint(1, "c/0", 3, "ab".repeat(32), "sha256:" + "00".repeat(32)), "x/0@1");

        // when
        set.add(new ChainPoint(1, "c/0", 3, "cd".repeat(32), "sha256:" + "00".repeat(32)), "x/0@2");

        // then
        assertThat(set.firstConflict()).contains("c/0 seq 3").contains("x/0@1");
    }

    private static LedgerCheckpointAnchoredV1 anchor(long seq) {
        return new LedgerCheckpointAnchoredV1("tollgate.orders.v1/0", 1, seq, "ab".repeat(32),
                "sha256:" + "cd".repeat(32), Instant.parse("2026-12-01T10:00:00.123456Z"));
    }

    private static ConsumerRecord<String, byte[]> signed(LedgerCheckpointAnchoredV1 anchor, EventSigner signer) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = AnchorCodec.encode(headers, UUID.randomUUID().toString(), anchor);
        signer.sign(headers, value);
        return record(headers, value);
    }

    private static ConsumerRecord<String, byte[]> record(RecordHeaders headers, byte[] value) {
        return new ConsumerRecord<>(Topics.LEDGER_CHECKPOINTS.name(), 0, 0L, 0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, value.length, "tollgate.orders.v1/0",
                value, headers, java.util.Optional.empty());
    }
}
