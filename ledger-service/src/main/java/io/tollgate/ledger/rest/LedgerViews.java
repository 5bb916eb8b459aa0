package io.tollgate.ledger.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.ledger.balance.Amounts;
import io.tollgate.ledger.journal.JournalQueries;
import io.tollgate.ledger.posting.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The ledger API's response bodies: records with amounts as decimal strings of their currency. */
public final class LedgerViews {

    private LedgerViews() {
    }

    /** One account's totals. */
    public record AccountBalance(String account, String currency, String debits, String credits, String balance) {
    }

    /**
     * Balances now or as of an instant. {@code digest} is derived from the hash-covered postings,
     * so a journal that lost an entry has another digest than the one rebuilt from the topics.
     */
    public record Balances(@Schema(nullable = true) String asOf, String basis, String currency, List<AccountBalance> accounts,
                           String digest) {
    }

    /**
     * Orders by the ledger's view of their status. {@code requested} counts those still awaiting a
     * decision; {@code total} all orders of the currency.
     */
    public record OrderCounts(long requested, long authorized, long settled, long denied, long cancelled,
                              long total) {

        static OrderCounts of(Map<String, Long> byStatus) {
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            return new OrderCounts(byStatus.getOrDefault("REQUESTED", 0L), byStatus.getOrDefault("AUTHORIZED", 0L),
                    byStatus.getOrDefault("SETTLED", 0L), byStatus.getOrDefault("DENIED", 0L),
                    byStatus.getOrDefault("CANCELLED", 0L), total);
        }
    }

    /** A suspense account of the summary: how many debit postings it received and its balance. */
    public record SuspenseLine(long postings, String balance) {
    }

    public record Summary(String currency, OrderCounts orders, String grossAuthorized, String revenueShareDue,
                          String revenueSharePaid, String revenueShareOutstanding, long parked,
                          long suspendedPayments, long anomalies, Map<String, SuspenseLine> suspense) {

        public static Summary of(String currency, JournalQueries.Summary s) {
            Map<String, SuspenseLine> suspense = new LinkedHashMap<>();
            s.suspense().forEach((account, line) -> suspense.put(account,
                    new SuspenseLine(line.postings(), Amounts.format(line.balanceMinor(), currency))));
            return new Summary(currency, OrderCounts.of(s.orders()), Amounts.format(s.grossAuthorizedMinor(), currency),
                    Amounts.format(s.shareDueMinor(), currency), Amounts.format(s.sharePaidMinor(), currency),
                    Amounts.format(s.shareOutstandingMinor(), currency), s.parked(), s.suspendedPayments(),
                    s.anomalies(), suspense);
        }
    }

    /**
     * One posting with its entry's identity and times; {@code policyVersion} and {@code policyClause}
     * name the decision that released the entry (absent for other entries).
     */
    public record EntryLine(String entryId, String kind, String orderId, String account, Side side, String amount,
                            String currency, String businessTime, String recordedTime, String chain, long seq,
                            String sourceEventId, String principal, String hash,
                            @Schema(nullable = true) String sourceSignature,
                            @Schema(nullable = true) @JsonInclude(JsonInclude.Include.NON_NULL) String policyVersion,
                            @Schema(nullable = true) @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause) {

        public static EntryLine of(JournalQueries.Line l) {
            return new EntryLine(l.entryId(), l.kind(), l.orderId(), l.account(), l.side(),
                    Amounts.format(l.amountMinor(), l.currency()), l.currency(), l.businessTime().toString(),
                    l.recordedTime().toString(), l.chainId(), l.seq(), l.sourceEventId(), l.principal(), l.hash(),
                    l.sourceSignature(), l.policyVersion(), l.policyClause());
        }
    }

    /**
     * A page of one account's postings in the envelope every list shares ({@code items},
     * {@code nextCursor}: null on the last page); {@code entries} repeats {@code items} for clients
     * written before the envelope was shared.
     */
    public record AccountEntries(String account, List<EntryLine> items,
                                 @Deprecated @Schema(deprecated = true, description = "The same lines as items,"
                                         + " for clients written before the shared envelope; read items.")
                                 List<EntryLine> entries,
                                 @Schema(nullable = true) String nextCursor) {

        public static AccountEntries of(String account, List<EntryLine> items, String nextCursor) {
            return new AccountEntries(account, items, items, nextCursor);
        }
    }

    public record OrderEntries(String orderId, List<EntryLine> entries) {
    }

    /**
     * A posting as stored: {@code side} is null and {@code amount} null for a row that is not a
     * valid posting (a tampered one, which the audit names); {@code amountMinor} is always shown.
     */
    public record ExportPosting(String account, Side side, String amount, long amountMinor, String currency) {

        static ExportPosting of(JournalQueries.ExportPosting p) {
            return new ExportPosting(p.account(), Side.ofCodeOrNull(p.side()), formatOrNull(p.amountMinor(),
                    p.currency()), p.amountMinor(), p.currency());
        }
    }

    /** An entry with every field its hash covers (the decision's version and clause when it has one). */
    public record ExportEntry(String entryId, String kind, String orderId, String chain, long seq,
                              String sourceEventId, String sourceTopic, int sourcePartition, long sourceOffset,
                              String businessTime, String recordedTime, String principal,
                              List<ExportPosting> postings, String prevHash, String hash,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String policyVersion,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause) {

        static ExportEntry of(JournalQueries.ExportEntry e) {
            List<ExportPosting> postings = new ArrayList<>(e.postings().size());
            e.postings().forEach(p -> postings.add(ExportPosting.of(p)));
            return new ExportEntry(e.entryId(), e.kind(), e.orderId(), e.chainId(), e.seq(), e.sourceEventId(),
                    e.sourceTopic(), e.sourcePartition(), e.sourceOffset(), e.businessTime().toString(),
                    e.recordedTime().toString(), e.principal(), postings, e.prevHash(), e.hash(), e.policyVersion(),
                    e.policyClause());
        }
    }

    /**
     * A page of the journal export in the shared envelope ({@code items}, {@code nextCursor}: null
     * on the last page); {@code entries} repeats {@code items} for clients written before it.
     */
    public record ExportPage(String hashEncoding, List<ExportEntry> items,
                             @Deprecated @Schema(deprecated = true, description = "The same entries as items,"
                                     + " for clients written before the shared envelope; read items.")
                             List<ExportEntry> entries,
                             @Schema(nullable = true) String nextCursor) {

        public static ExportPage of(String hashEncoding, List<ExportEntry> items, String nextCursor) {
            return new ExportPage(hashEncoding, items, items, nextCursor);
        }
    }

    /** A stored currency that is not ISO 4217 (a tampered row) still exports, in minor units only. */
    private static String formatOrNull(long minor, String currency) {
        try {
            return Amounts.format(minor, currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
