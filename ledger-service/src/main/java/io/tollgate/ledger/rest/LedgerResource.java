package io.tollgate.ledger.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.kafka.RetryLaterException;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.StrongETag;
import io.tollgate.eventing.rest.openapi.ContractFilter;
import io.tollgate.ledger.anchor.AnchorSet;
import io.tollgate.ledger.anchor.PublishedAnchors;
import io.tollgate.ledger.audit.ChainVerifier;
import io.tollgate.ledger.balance.Amounts;
import io.tollgate.ledger.balance.BalanceLine;
import io.tollgate.ledger.balance.BalanceQueries;
import io.tollgate.ledger.balance.BalanceSheet;
import io.tollgate.ledger.journal.EntryHasher;
import io.tollgate.ledger.journal.JournalQueries;
import io.tollgate.ledger.posting.LedgerLimits;
import io.tollgate.ledger.rest.LedgerViews.AccountBalance;
import io.tollgate.ledger.rest.LedgerViews.AccountEntries;
import io.tollgate.ledger.rest.LedgerViews.Balances;
import io.tollgate.ledger.rest.LedgerViews.EntryLine;
import io.tollgate.ledger.rest.LedgerViews.ExportEntry;
import io.tollgate.ledger.rest.LedgerViews.ExportPage;
import io.tollgate.ledger.rest.LedgerViews.OrderEntries;
import io.tollgate.ledger.rest.LedgerViews.Summary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ledger's HTTP API: balances (now or as of an instant), summary, entries, audit, export.
 * Auditors read all of it; operators read the summary; nobody else gets in.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger", description = "Balances, entries, the audit of the hash chains and the journal export")
public class LedgerResource {

    private static final String CURRENCY = "[A-Z]{3}";

    private final BalanceQueries balances;
    private final JournalQueries journal;
    private final ChainVerifier verifier;
    private final PublishedAnchors anchors;
    private final MeterRegistry meters;

    @Inject
    public LedgerResource(BalanceQueries balances, JournalQueries journal, ChainVerifier verifier,
                          PublishedAnchors anchors, MeterRegistry meters) {
        this.balances = balances;
        this.journal = journal;
        this.verifier = verifier;
        this.anchors = anchors;
        this.meters = meters;
    }

    @GET
    @Path("/balances")
    @RolesAllowed(Roles.AUDITOR)
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getBalances", summary = "Account balances, now or as of an instant",
            description = "Debits, credits and balance (debits − credits) per account, optionally of one "
                    + "currency, as of `asOf` by business time (`basis=business`, the default) or by the time "
                    + "entries were recorded (`basis=recorded`); `digest` covers the hash-chained postings.")
    public Balances balances(@QueryParam("asOf") String asOf, @QueryParam("currency") String currency,
                             @QueryParam("basis") String basis) {
        String cur = currency(currency, false);
        BalanceQueries.Basis b = basis(basis);
        Instant at = asOf == null ? null : instant("asOf", asOf);
        BalanceSheet sheet = at == null ? balances.current() : balances.asOf(at, b);
        BalanceSheet hashed = at == null ? balances.fromJournal() : sheet;
        List<BalanceLine> lines = only(sheet, cur);
        List<AccountBalance> accounts = new ArrayList<>(lines.size());
        for (BalanceLine l : lines) {
            accounts.add(new AccountBalance(l.account(), l.currency(), Amounts.format(l.debitsMinor(), l.currency()),
                    Amounts.format(l.creditsMinor(), l.currency()), Amounts.format(l.balanceMinor(), l.currency())));
        }
        return new Balances(at == null ? null : at.toString(), b.name().toLowerCase(Locale.ROOT), cur, accounts,
                BalanceSheet.digest(only(hashed, cur)));
    }

    @GET
    @Path("/summary")
    @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR})
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getSummary", summary = "Orders, revenue share and suspense of one currency",
            description = "Order counts by status, gross authorized, revenue share due, paid and outstanding, "
                    + "parked and suspended records, anomalies and the suspense accounts (USD by default).")
    public Summary summary(@QueryParam("currency") String currency) {
        String cur = currency == null ? "USD" : currency(currency, true);
        return Summary.of(cur, journal.summary(cur));
    }

    @GET
    @Path("/accounts/{account}/entries")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "listAccountEntries", summary = "A page of one account's postings, oldest first",
            description = "Each posting with its entry, times, chain position and hash; follow `nextCursor`.")
    public AccountEntries accountEntries(@PathParam("account") String account,
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        CursorPage<JournalQueries.Line> page = CursorPage.of(
                journal.accountEntries(account, PageCursor.decode(cursor), limit), limit,
                JournalQueries.Line::postingId);
        return AccountEntries.of(account, page.items().stream().map(EntryLine::of).toList(),
                page.nextCursor());
    }

    @GET
    @Path("/orders/{orderId}/entries")
    @RolesAllowed(Roles.AUDITOR)
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getOrderEntries", summary = "Every posting of one order",
            description = "The journal's postings for the order (authorization, payments, reversals); an "
                    + "unknown order has none.")
    public OrderEntries orderEntries(
            @PathParam("orderId") @Size(max = LedgerLimits.ORDER_ID_LENGTH_MAX) String orderId) {
        return new OrderEntries(orderId, journal.orderEntries(orderId).stream().map(EntryLine::of).toList());
    }

    @GET
    @Path("/audit/verify")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "verifyJournal", summary = "Recompute every hash chain and running balance",
            description = "`ok` is true when every entry's hash, every chain link and every running balance "
                    + "agree, and every chain matches the anchors the ledger signed and published on "
                    + "tollgate.ledger-checkpoints.v1; otherwise `problem` names the first mismatch and where it "
                    + "is. `anchors=none` verifies the journal alone (`anchorsChecked` is then null); without it "
                    + "an unreadable anchors topic answers 503 with Retry-After.")
    public ChainVerifier.Verdict verify(@QueryParam("anchors") String anchorsParam) {
        if ("none".equals(anchorsParam)) {
            // The journal alone (its verdict says anchorsChecked: null), e.g. while the broker is away.
            return counted(verifier.verify());
        }
        if (anchorsParam != null && !anchorsParam.equals("published")) {
            throw ProblemException.badRequest("anchors", "anchors must be published (the default) or none");
        }
        // The published anchors are what an edit of this database cannot reach: read them first.
        Instant readAt = Instant.now();
        AnchorSet published;
        try {
            published = anchors.read();
        } catch (RuntimeException e) {
            // The broker is away: 503 with Retry-After like every transient failure, never a verdict
            // that silently skipped the anchors.
            throw new RetryLaterException("the anchors topic could not be read, so the chains cannot be held"
                    + " to their anchors (?anchors=none verifies the journal alone): " + e.getMessage(), e);
        }
        return counted(verifier.verify(published, readAt));
    }

    /**
     * Every failed verdict counts, by the kind of its first mismatch (a bounded set), so an alert
     * hears of it whoever asked: the auditor's tool or a scheduled check.
     */
    private ChainVerifier.Verdict counted(ChainVerifier.Verdict verdict) {
        if (!verdict.ok()) {
            String kind = verdict.problem() == null ? "UNKNOWN" : verdict.problem().kind().name();
            Counter.builder("tollgate.ledger.audit.verify.failures")
                    .description("Verify runs that found the journal differing from its hashes, chains or anchors")
                    .tag("kind", kind).register(meters).increment();
        }
        return verdict;
    }

    /**
     * The journal in chain order (chain id, then seq), a bounded page at a time, with every field each
     * entry's hash covers, so an auditor can recompute the chains outside the ledger.
     */
    @GET
    @Path("/audit/export")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(operationId = "exportJournal", summary = "A page of the journal in chain order, as hashed",
            description = "Every field each entry's hash covers, so an auditor can recompute the chains "
                    + "outside the ledger; follow `nextCursor`.")
    public ExportPage export(@QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        JournalQueries.ExportPage page = journal.export(cursor == null ? null : ExportCursor.decode(cursor), limit);
        return ExportPage.of(EntryHasher.VERSION, page.entries().stream().map(ExportEntry::of).toList(),
                page.next() == null ? null : ExportCursor.encode(page.next()));
    }

    private static List<BalanceLine> only(BalanceSheet sheet, String currency) {
        return sheet.lines().stream().filter(l -> currency == null || l.currency().equals(currency)).toList();
    }

    /** An ISO 4217 code with a minor unit (USD, JPY; not XAU or an unknown ABC). */
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
        try {
            if (Currency.getInstance(value).getDefaultFractionDigits() >= 0) {
                return value;
            }
        } catch (IllegalArgumentException unknown) {
            // answered below
        }
        throw new ProblemException(400, "UNKNOWN_CURRENCY", "currency",
                "currency " + value + " is not an ISO 4217 currency with a minor unit");
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

    /** An instant the journal can hold: within the same range the ledger accepts for event times. */
    private static Instant instant(String field, String value) {
        Instant t;
        try {
            t = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, field + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        if (t.isBefore(LedgerLimits.TIME_MIN) || !t.isBefore(LedgerLimits.TIME_MAX)) {
            throw new ProblemException(400, "INSTANT_OUT_OF_RANGE", field, field + " must lie in ["
                    + LedgerLimits.TIME_MIN + ", " + LedgerLimits.TIME_MAX + ")");
        }
        return t;
    }
}
