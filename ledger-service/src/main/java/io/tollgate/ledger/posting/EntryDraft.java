package io.tollgate.ledger.posting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A balanced journal entry before it is sealed into a hash chain. Its id is derived from the events
 * that produced it, so the same history yields the same entry ids in every interleaving and rebuild.
 *
 * @param businessTime the source event's time, truncated to microseconds (the journal's precision)
 */
public record EntryDraft(String entryId, EntryKind kind, String orderId, SourceRef source,
                         Instant businessTime, List<Posting> postings) {

    /** Bound on lines per entry; the rules never need more than four. */
    public static final int POSTINGS_MAX = 16;

    public EntryDraft {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(businessTime, "businessTime");
        postings = List.copyOf(postings);
        if (postings.size() < 2 || postings.size() > POSTINGS_MAX) {
            throw new IllegalArgumentException("an entry has 2.." + POSTINGS_MAX + " postings, got " + postings.size());
        }
        requireBalanced(postings);
        businessTime = businessTime.truncatedTo(ChronoUnit.MICROS);
    }

    /** A name-based UUID: the same parts give the same id on every run. */
    public static String idOf(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Debits equal credits in every currency of the entry, or this throws at once. */
    public static void requireBalanced(List<Posting> postings) {
        Map<String, Long> net = new HashMap<>();
        for (Posting p : postings) {
            net.merge(p.currency(), p.signedMinor(), Math::addExact);
        }
        net.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("entry does not balance in " + currency + ": " + sum + " " + postings);
            }
        });
    }
}
