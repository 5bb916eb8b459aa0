package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The ledger vouches for one of its hash chains up to {@code seq}: the entry there has hash
 * {@code entryHash} (which covers every earlier entry through its previous hash) and the chain's
 * postings up to it give {@code balanceDigest}. Published by ledger-service on
 * {@link Topics#LEDGER_CHECKPOINTS}, signed like every Tollgate record, keyed and subjected by the
 * chain id. Not an order event: it names a chain, not an order (see {@link AnchorCodec}).
 *
 * @param generation the ledger generation the chain belongs to (a rebuild starts a new one, whose
 *     recording times and therefore hashes differ)
 * @param entryHash lower-case hex SHA-256 of the entry at {@code seq}
 * @param balanceDigest {@code sha256:<hex>} over the chain's balances up to {@code seq}, as
 *     docs/ledger-rules.md section 9 defines a digest
 */
public record LedgerCheckpointAnchoredV1(
        @JsonProperty(required = true) String chainId,
        @JsonProperty(required = true) long generation,
        @JsonProperty(required = true) long seq,
        @JsonProperty(required = true) String entryHash,
        @JsonProperty(required = true) String balanceDigest,
        @JsonProperty(required = true) Instant anchoredAt) {

    public static final String TYPE = "tollgate.ledger.checkpoint.anchored.v1";
    /** A chain id is {@code <topic>/<partition>}: a topic name (≤ 249) and a partition number. */
    public static final int CHAIN_ID_LENGTH_MAX = 300;
    private static final String HASH = "[0-9a-f]{64}";

    public LedgerCheckpointAnchoredV1 {
        Require.text("chainId", chainId);
        if (chainId.length() > CHAIN_ID_LENGTH_MAX) {
            throw new ContractViolationException("chainId", "must be at most " + CHAIN_ID_LENGTH_MAX
                    + " characters");
        }
        Require.positive("generation", generation);
        Require.positive("seq", seq);
        Require.present("entryHash", entryHash);
        if (!entryHash.matches(HASH)) {
            throw new ContractViolationException("entryHash", "must be 64 lower-case hex digits");
        }
        Require.present("balanceDigest", balanceDigest);
        if (!balanceDigest.matches("sha256:" + HASH)) {
            throw new ContractViolationException("balanceDigest", "must be sha256: and 64 lower-case hex digits");
        }
        Require.present("anchoredAt", anchoredAt);
    }
}
