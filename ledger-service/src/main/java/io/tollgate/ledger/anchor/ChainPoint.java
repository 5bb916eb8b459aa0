package io.tollgate.ledger.anchor;

/**
 * What an anchor vouches for: in generation {@code generation}, chain {@code chainId} has at
 * {@code seq} an entry hashed {@code entryHash}, and its postings up to there digest to
 * {@code balanceDigest} (docs/ledger-rules.md section 9).
 */
public record ChainPoint(long generation, String chainId, long seq, String entryHash, String balanceDigest) {
}
