package io.tollgate.ledger.journal;

import io.tollgate.ledger.posting.EntryKind;
import io.tollgate.ledger.posting.Posting;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical bytes of an entry and its chain hash: {@code hash = SHA-256(prevHash ‖ canonical)}.
 *
 * <p>Canonical encoding, version 2 (fields in this order; a string is its UTF-8 length as a 4-byte
 * big-endian int followed by the bytes, and an absent string is the length -1 with no bytes; a number
 * is an 8-byte big-endian long; an instant is its microseconds since the epoch as a number): the
 * string {@code "tollgate.ledger.entry.v2"}, entry id, chain id, seq, kind, order id, source event id,
 * source topic, source partition, source offset, business time, recording time, principal (who caused
 * the source event; may be absent), the number of postings, then per posting in entry order: account,
 * currency, side ("D" or "C"), amount in minor units; then, only for an entry released by a
 * decision that names its policy version or clause, the string {@code "decision"}, the policy
 * version and the policy clause (each may be absent). The genesis "previous hash" is 32 zero bytes.
 *
 * <p>The decision trailer is left out entirely when an entry has neither, so every entry written
 * before decisions were recorded hashes exactly as it did, and no journal has to be re-derived.
 *
 * <p>Version 2 added the principal, so an entry's recorded author cannot be changed without breaking
 * its chain. No verifier for version 1 (the same without the principal) is kept: Tollgate has no
 * production journals to carry over, and a local journal written before version 2 fails the audit
 * until it is re-derived from the topics with a rebuild.
 */
public final class EntryHasher {

    public static final int HASH_BYTES = 32;
    static final byte[] GENESIS = new byte[HASH_BYTES];
    public static final String VERSION = "tollgate.ledger.entry.v2";
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    /** Not thread-safe: one hasher per thread (it reuses its digest and buffer). */
    public EntryHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The fields that are hashed, as stored in the journal tables. */
    public record Fields(String entryId, String chainId, long seq, EntryKind kind, String orderId,
                         String sourceEventId, String topic, int partition, long offset, Instant businessTime,
                         Instant recordedTime, String principal, List<Posting> postings, String policyVersion,
                         String policyClause) {

        /** An entry released by an event that names no decision. */
        public Fields(String entryId, String chainId, long seq, EntryKind kind, String orderId,
                      String sourceEventId, String topic, int partition, long offset, Instant businessTime,
                      Instant recordedTime, String principal, List<Posting> postings) {
            this(entryId, chainId, seq, kind, orderId, sourceEventId, topic, partition, offset, businessTime,
                    recordedTime, principal, postings, null, null);
        }
    }

    public byte[] hash(byte[] prevHash, Fields f) {
        buffer.reset();
        string(VERSION);
        string(f.entryId());
        string(f.chainId());
        number(f.seq());
        string(f.kind().name());
        string(f.orderId());
        string(f.sourceEventId());
        string(f.topic());
        number(f.partition());
        number(f.offset());
        number(micros(f.businessTime()));
        number(micros(f.recordedTime()));
        optionalString(f.principal());
        number(f.postings().size());
        for (Posting p : f.postings()) {
            string(p.account());
            string(p.currency());
            string(p.side().code());
            number(p.amountMinor());
        }
        if (f.policyVersion() != null || f.policyClause() != null) {
            string("decision");
            optionalString(f.policyVersion());
            optionalString(f.policyClause());
        }
        sha256.reset();
        sha256.update(prevHash);
        return sha256.digest(buffer.toByteArray());
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    /** The previous hash of a chain's first entry (32 zero bytes), a copy. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static String genesisHex() {
        return hex(GENESIS);
    }

    /**
     * Microseconds since the epoch: the precision both H2 and PostgreSQL keep. Computed from seconds
     * and nanos, not through a count of nanoseconds (which overflows a long after 2262); fails with
     * ArithmeticException only beyond what a long of microseconds holds.
     */
    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public static Instant ofMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        length(b.length);
        buffer.write(b, 0, b.length);
    }

    /** Absent is not the empty string: -1 cannot be the length of a present one. */
    private void optionalString(String s) {
        if (s == null) {
            length(-1);
        } else {
            string(s);
        }
    }

    private void length(int n) {
        buffer.write(n >>> 24);
        buffer.write(n >>> 16);
        buffer.write(n >>> 8);
        buffer.write(n);
    }

    private void number(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer.write((int) (v >>> shift));
        }
    }
}
