package io.tollgate.ledger.journal;

import io.tollgate.ledger.posting.EntryDraft;
import java.time.Instant;
import java.util.Objects;

/**
 * An entry sealed into its chain: position ({@code chainId}, {@code seq}), recording time and the
 * hashes that make an altered or missing entry detectable.
 */
public record JournalEntry(EntryDraft draft, String chainId, long seq, Instant recordedTime, String prevHashHex,
                           String hashHex) {

    public JournalEntry {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(recordedTime, "recordedTime");
        Objects.requireNonNull(prevHashHex, "prevHashHex");
        Objects.requireNonNull(hashHex, "hashHex");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
    }
}
