package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The anchor record: its fixture, schema, codec and provenance agree. */
class LedgerCheckpointAnchoredV1Test {

    private static final String TYPE = LedgerCheckpointAnchoredV1.TYPE;
    private static final String ID = "0b8f3c52-6d1e-4a7b-9c20-5e4f3a2b1c0d";

    @Test
    void sampleFixtureConformsToTheSchemaAndReadsAsTheRecord() {
        // given
        byte[] sample = WireEventSamples.sampleJson(TYPE);

        // when
        List<String> violations = ContractSchemas.violations(TYPE, sample);
        LedgerCheckpointAnchoredV1 anchor = WireJson.read(sample, LedgerCheckpointAnchoredV1.class);

        // then
        assertThat(violations).isEmpty();
        assertThat(anchor.chainId()).isEqualTo("tollgate.orders.v1/3");
        assertThat(anchor.seq()).isEqualTo(42);
        assertThat(ContractSchemas.violations(TYPE, WireJson.write(anchor))).isEmpty();
    }

    @Test
    void schemaRequiresEveryFieldTheRecordRequires() {
        for (String field : List.of("chainId", "generation", "seq", "entryHash", "balanceDigest", "anchoredAt")) {
            // given
            ObjectNode json = (ObjectNode) ContractSchemas.parse(WireEventSamples.sampleJson(TYPE));
            json.remove(field);

            // when / then both refuse it, naming the field
            assertThat(ContractSchemas.violations(TYPE, json)).anySatisfy(v -> assertThat(v).contains(field));
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> WireJson.read(bytes, LedgerCheckpointAnchoredV1.class))
                    .hasMessageContaining(field);
        }
    }

    @Test
    void recordRefusesAHashThatIsNotHexAndANonPositiveSeq() {
        assertThatThrownBy(() -> anchor("ABC", 1)).isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("entryHash");
        assertThatThrownBy(() -> anchor("a".repeat(64), 0)).isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("seq");
    }

    @Test
    void codecRoundTripsAndIsDeterministic() {
        // given
        LedgerCheckpointAnchoredV1 anchor = anchor("ab".repeat(32), 7);
        RecordHeaders first = new RecordHeaders();
        RecordHeaders second = new RecordHeaders();

        // when
        byte[] value = AnchorCodec.encode(first, ID, anchor);
        byte[] again = AnchorCodec.encode(second, ID, anchor);

        // then
        assertThat(AnchorCodec.decode(first, value)).isEqualTo(anchor);
        assertThat(again).isEqualTo(value);
        assertThat(new String(first.lastHeader("ce_subject").value(), StandardCharsets.UTF_8))
                .isEqualTo("tollgate.orders.v1/0");
        assertThat(new String(first.lastHeader("ce_source").value(), StandardCharsets.UTF_8))
                .isEqualTo(Provenance.LEDGER_SERVICE);
    }

    @Test
    void anAnchorClaimingAnotherSourceIsAContractViolation() {
        // given
        RecordHeaders headers = new RecordHeaders();
        byte[] value = AnchorCodec.encode(headers, ID, anchor("ab".repeat(32), 7));
        headers.remove("ce_source");
        headers.add("ce_source", Provenance.ORDER_SERVICE.getBytes(StandardCharsets.UTF_8));

        // when / then
        assertThatThrownBy(() -> AnchorCodec.decode(headers, value))
                .isInstanceOf(ContractViolationException.class).hasMessageContaining("ce_source");
    }

    private static LedgerCheckpointAnchoredV1 anchor(String hash, long seq) {
        return new LedgerCheckpointAnchoredV1("tollgate.orders.v1/0", 1, seq, hash,
                "sha256:" + "cd".repeat(32), Instant.parse("2026-12-01T10:00:00Z"));
    }
}
