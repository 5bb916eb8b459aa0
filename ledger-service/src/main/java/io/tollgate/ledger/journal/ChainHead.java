package io.tollgate.ledger.journal;

import java.util.Arrays;
import java.util.Objects;

/** The last sealed entry of one hash chain: its sequence number (0 = empty) and hash. */
public record ChainHead(String chainId, long seq, byte[] hash) {

    public ChainHead {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(hash, "hash");
        if (hash.length != EntryHasher.HASH_BYTES || seq < 0) {
            throw new IllegalArgumentException("bad chain head " + chainId + "#" + seq);
        }
        hash = hash.clone();
    }

    public static ChainHead genesis(String chainId) {
        return new ChainHead(chainId, 0, EntryHasher.GENESIS);
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainHead h && h.chainId.equals(chainId) && h.seq == seq && Arrays.equals(h.hash, hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, seq, Arrays.hashCode(hash));
    }
}
