package io.tollgate.ledger.rest;

import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.security.Roles;
import io.tollgate.ledger.audit.ChainVerifier;
import io.tollgate.ledger.balance.Amounts;
import io.tollgate.ledger.balance.BalanceLine;
import io.tollgate.ledger.balance.BalanceQueries;
import io.tollgate.ledger.balance.BalanceSheet;
import io.tollgate.ledger.journal.EntryHasher;
import io.tollgate.ledger.journal.JournalQueries;
import io.tollgate.ledger.kafka.Rebuilder;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ledger's HTTP API: balances (now or as of an instant), summary, entries, audit, export,
 * rebuild. Auditors read all of it (and may rebuild); operators read the summary; nobody else gets in.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private static final String CURRENCY = "[A-Z]{3}";

    @Inject
    BalanceQueries balances;
    @Inject
    JournalQueries journal;
    @Inject
    ChainVerifier verifier;
    @Inject
    Rebuilder rebuilder;
    @ConfigProperty(name = "tollgate.ledger.page-size-max")
    int pageSizeMax;

    /** One account's totals as decimal strings. */
    public record AccountBalance(String account, String currency, String debits, String credits, String balance) {
    }

    public record Balances(String asOf, String basis, String currency, List<AccountBalance> accounts, String digest) {
    }

    @GET
    @Path("/balances")
    @RolesAllowed(Roles.AUDITOR)
    public Balances balances(@QueryParam("asOf") String asOf, @QueryParam("currency") String currency,
                             @QueryParam("basis") String basis) {
        String cur = currency(currency, false);
        BalanceQueries.Basis b = basis(basis);
        BalanceSheet sheet = asOf == null ? balances.current() : balances.asOf(instant("asOf", asOf), b);
        List<BalanceLine> lines = sheet.lines().stream().filter(l -> cur == null || l.currency().equals(cur)).toList();
        List<AccountBalance> accounts = new ArrayList<>(lines.size());
        for (BalanceLine l : lines) {
            accounts.add(new AccountBalance(l.account(), l.currency(), Amounts.format(l.debitsMinor(), l.currency()),
                    Amounts.format(l.creditsMinor(), l.currency()), Amounts.format(l.balanceMinor(), l.currency())));
        }
        return new Balances(asOf == null ? null : instant("asOf", asOf).toString(),
                b.name().toLowerCase(Locale.ROOT), cur, accounts, BalanceSheet.digest(lines));
    }

    @GET
    @Path("/summary")
    @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR})
    public Map<String, Object> summary(@QueryParam("currency") String currency) {
        String cur = currency == null ? "USD" : currency(currency, true);
        JournalQueries.Summary s = journal.summary(cur);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("currency", cur);
        Map<String, Long> orders = new LinkedHashMap<>();
        s.orders().forEach((status, n) -> orders.put(status.toLowerCase(Locale.ROOT), n));
        orders.put("requested", s.orders().values().stream().mapToLong(Long::longValue).sum());
        out.put("orders", orders);
        out.put("grossAuthorized", Amounts.format(s.grossAuthorizedMinor(), cur));
        out.put("revenueShareDue", Amounts.format(s.shareDueMinor(), cur));
        out.put("revenueSharePaid", Amounts.format(s.sharePaidMinor(), cur));
        out.put("revenueShareOutstanding", Amounts.format(s.shareOutstandingMinor(), cur));
        out.put("parked", s.parked());
        out.put("suspendedPayments", s.suspendedPayments());
        out.put("anomalies", s.anomalies());
        Map<String, Object> suspense = new LinkedHashMap<>();
        s.suspense().forEach((account, v) -> suspense.put(account,
                Map.of("postings", v[0], "balance", Amounts.format(v[1], cur))));
        out.put("suspense", suspense);
        return out;
    }

    @GET
    @Path("/accounts/{account}/entries")
    @RolesAllowed(Roles.AUDITOR)
    public Map<String, Object> accountEntries(@PathParam("account") String account, @QueryParam("limit") String limit,
                                              @QueryParam("cursor") String cursor) {
        int size = limit == null ? 100 : (int) number("limit", limit, 1, pageSizeMax);
        long after = cursor == null ? 0 : number("cursor", cursor, 0, Long.MAX_VALUE);
        JournalQueries.Page page = journal.accountEntries(account, after, size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", account);
        out.put("entries", page.lines().stream().map(LedgerResource::view).toList());
        out.put("nextCursor", page.nextCursor() == null ? null : page.nextCursor().toString());
        return out;
    }

    @GET
    @Path("/orders/{orderId}/entries")
    @RolesAllowed(Roles.AUDITOR)
    public Map<String, Object> orderEntries(@PathParam("orderId") String orderId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orderId", orderId);
        out.put("entries", journal.orderEntries(orderId).stream().map(LedgerResource::view).toList());
        return out;
    }

    @GET
    @Path("/audit/verify")
    @RolesAllowed(Roles.AUDITOR)
    public ChainVerifier.Verdict verify() {
        return verifier.verify();
    }

    /**
     * The journal in chain order (chain id, then seq), a bounded page at a time, with every field each
     * entry's hash covers, so an auditor can recompute the chains outside the ledger.
     */
    @GET
    @Path("/audit/export")
    @RolesAllowed(Roles.AUDITOR)
    public Map<String, Object> export(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = limit == null ? 100 : (int) number("limit", limit, 1, pageSizeMax);
        JournalQueries.ExportPage page = journal.export(cursor == null ? null : ExportCursor.decode(cursor), size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hashEncoding", EntryHasher.VERSION);
        out.put("entries", page.entries().stream().map(LedgerResource::exportView).toList());
        out.put("nextCursor", page.next() == null ? null : ExportCursor.encode(page.next()));
        return out;
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.AUDITOR)
    public Map<String, Object> rebuild() {
        Rebuilder.Result r = rebuilder.rebuild();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", r.records());
        out.put("events", r.events());
        out.put("entries", r.entries());
        out.put("skipped", r.skipped());
        out.put("millis", r.millis());
        out.put("digest", balances.current().digest());
        return out;
    }

    private static Map<String, Object> view(JournalQueries.Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entryId", l.entryId());
        m.put("kind", l.kind());
        m.put("orderId", l.orderId());
        m.put("account", l.account());
        m.put("side", l.side().equals("D") ? "debit" : "credit");
        m.put("amount", Amounts.format(l.amountMinor(), l.currency()));
        m.put("currency", l.currency());
        m.put("businessTime", l.businessTime().toString());
        m.put("recordedTime", l.recordedTime().toString());
        m.put("chain", l.chainId());
        m.put("seq", l.seq());
        m.put("sourceEventId", l.sourceEventId());
        m.put("principal", l.principal());
        m.put("hash", l.hash());
        return m;
    }

    private static Map<String, Object> exportView(JournalQueries.ExportEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entryId", e.entryId());
        m.put("kind", e.kind());
        m.put("orderId", e.orderId());
        m.put("chain", e.chainId());
        m.put("seq", e.seq());
        m.put("sourceEventId", e.sourceEventId());
        m.put("sourceTopic", e.sourceTopic());
        m.put("sourcePartition", e.sourcePartition());
        m.put("sourceOffset", e.sourceOffset());
        m.put("businessTime", e.businessTime().toString());
        m.put("recordedTime", e.recordedTime().toString());
        m.put("principal", e.principal());
        List<Map<String, Object>> postings = new ArrayList<>(e.postings().size());
        for (JournalQueries.ExportPosting p : e.postings()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("account", p.account());
            pm.put("side", "D".equals(p.side()) ? "debit" : "C".equals(p.side()) ? "credit" : p.side());
            pm.put("amount", formatOrNull(p.amountMinor(), p.currency()));
            pm.put("amountMinor", p.amountMinor());
            pm.put("currency", p.currency());
            postings.add(pm);
        }
        m.put("postings", postings);
        m.put("prevHash", e.prevHash());
        m.put("hash", e.hash());
        return m;
    }

    /** A stored currency that is not ISO 4217 (a tampered row) still exports, in minor units only. */
    private static String formatOrNull(long minor, String currency) {
        try {
            return Amounts.format(minor, currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String currency(String value, boolean required) {
        if (value == null) {
            if (required) {
                throw ProblemException.badRequest("currency", "currency is required");
            }
            return null;
        }
        if (!value.matches(CURRENCY)) {
            throw ProblemException.badRequest("currency", "currency must be an ISO 4217 code such as USD");
        }
        return value;
    }

    private static BalanceQueries.Basis basis(String value) {
        if (value == null || value.equals("business")) {
            return BalanceQueries.Basis.BUSINESS;
        }
        if (value.equals("recorded")) {
            return BalanceQueries.Basis.RECORDED;
        }
        throw ProblemException.badRequest("basis", "basis must be business or recorded");
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, field + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static long number(String field, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, field + " must be a whole number");
        }
        if (n < min || n > max) {
            throw ProblemException.badRequest(field, field + " must be between " + min + " and " + max);
        }
        return n;
    }
}
