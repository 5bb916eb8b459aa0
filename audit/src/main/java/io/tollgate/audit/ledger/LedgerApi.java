package io.tollgate.audit.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.audit.figures.BalanceRow;
import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.figures.Cut;
import io.tollgate.audit.rules.Side;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live ledger's public API as an auditor reads it (role {@code auditor}): balances with their
 * digest, one account's postings, and the journal export. Read-only; every call is bounded.
 */
public final class LedgerApi {

    /** The API's largest page ({@code PageCursor.LIMIT_MAX} on the ledger's side). */
    static final int PAGE_LIMIT = 500;
    /** Pages followed in one walk at most: 100 million postings or entries. */
    static final int PAGES_MAX = 200_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = WireJson.mapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();

    /** {@code authorization}: the Authorization header's value, or null to send none. */
    public LedgerApi(URI base, String authorization) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.authorization = authorization;
    }

    public URI base() {
        return base;
    }

    /** What {@code GET /api/v1/balances} answered. */
    public record Figures(List<BalanceRow> rows, String digest) {
    }

    public Figures balances(Cut cut, String currency) {
        StringBuilder query = new StringBuilder();
        if (cut.at() != null) {
            query.append("&asOf=").append(cut.at())
                    .append("&basis=").append(cut.basis().ledgerName());
        }
        if (currency != null) {
            query.append("&currency=").append(currency);
        }
        String parameters = query.length() == 0 ? "" : "?" + query.substring(1);
        JsonNode body = get("/api/v1/balances" + parameters);
        List<BalanceRow> rows = new ArrayList<>();
        for (JsonNode a : body.path("accounts")) {
            String cur = a.path("currency").asText();
            rows.add(new BalanceRow(a.path("account").asText(), cur,
                    minor(a.path("debits").asText(), cur),
                    minor(a.path("credits").asText(), cur)));
        }
        return new Figures(rows, body.path("digest").asText());
    }

    /** One entry's effect on one account as the ledger stores it. */
    public record EntryEffect(String entryId, String kind, String orderId, String sourceEventId,
                              Instant businessTime, long signedMinor) {
    }

    /**
     * The postings of {@code account} in {@code currency} that {@code cut} includes, summed per
     * entry, in the order the ledger lists them.
     */
    public Map<String, EntryEffect> accountEntries(String account, String currency, Cut cut) {
        Map<String, EntryEffect> out = new LinkedHashMap<>();
        String cursor = null;
        for (int page = 0; page < PAGES_MAX; page++) {
            String segment = URLEncoder.encode(account, StandardCharsets.UTF_8)
                    .replace("+", "%20");
            JsonNode body = get("/api/v1/accounts/" + segment + "/entries?limit=" + PAGE_LIMIT
                    + cursorParam(cursor));
            for (JsonNode line : items(body)) {
                String cur = line.path("currency").asText();
                Instant business = Instant.parse(line.path("businessTime").asText());
                Instant recorded = Instant.parse(line.path("recordedTime").asText());
                if (!cur.equals(currency) || !cut.includes(business, recorded)) {
                    continue;
                }
                long amount = minor(line.path("amount").asText(), cur);
                long signed = "debit".equals(line.path("side").asText()) ? amount : -amount;
                String id = line.path("entryId").asText();
                EntryEffect before = out.get(id);
                long sum = before == null ? signed : Math.addExact(before.signedMinor(), signed);
                out.put(id, new EntryEffect(id, line.path("kind").asText(),
                        line.path("orderId").asText(), line.path("sourceEventId").asText(),
                        business, sum));
            }
            cursor = body.path("nextCursor").textValue();
            if (cursor == null) {
                return out;
            }
        }
        throw new LedgerApiException("account " + account + " has more than " + PAGES_MAX
                + " pages");
    }

    /**
     * Balances summed from the journal export (every posting as stored, whatever the ledger's
     * running sums say), for the entries {@code cut} includes.
     */
    public List<BalanceRow> balancesFromExport(Cut cut, String currency) {
        Balances sums = new Balances(Cut.NOW, currency);
        String cursor = null;
        for (int page = 0; page < PAGES_MAX; page++) {
            JsonNode body = get("/api/v1/audit/export?limit=" + PAGE_LIMIT + cursorParam(cursor));
            for (JsonNode entry : items(body)) {
                Instant business = Instant.parse(entry.path("businessTime").asText());
                Instant recorded = Instant.parse(entry.path("recordedTime").asText());
                if (!cut.includes(business, recorded)) {
                    continue;
                }
                for (JsonNode p : entry.path("postings")) {
                    // A stored side that is neither D nor C shows as null: counted as a credit
                    // here, so the account differs and the drill-down names the entry.
                    Side side = "debit".equals(p.path("side").textValue()) ? Side.D : Side.C;
                    sums.add(p.path("account").asText(), p.path("currency").asText(), side,
                            p.path("amountMinor").asLong());
                }
            }
            cursor = body.path("nextCursor").textValue();
            if (cursor == null) {
                return sums.rows();
            }
        }
        throw new LedgerApiException("the export has more than " + PAGES_MAX + " pages");
    }

    private static String cursorParam(String cursor) {
        return cursor == null ? ""
                : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    /** One chain head of the live generation. */
    public record ChainHead(String chainId, long seq, String entryHash) {
    }

    /** The live generation and its chain heads. */
    public record ChainHeads(long generation, List<ChainHead> chains) {
    }

    /** {@code GET /api/v1/audit/chains}. */
    public ChainHeads chains() {
        JsonNode body = get("/api/v1/audit/chains");
        List<ChainHead> heads = new java.util.ArrayList<>();
        for (JsonNode h : body.path("chains")) {
            heads.add(new ChainHead(h.path("chainId").asText(), h.path("seq").asLong(),
                    h.path("entryHash").asText()));
        }
        return new ChainHeads(body.path("generation").asLong(), heads);
    }

    /** What the ledger says of a chain at a seq: its entry hash and balance digest there. */
    public record ChainPoint(String entryHash, String balanceDigest) {
    }

    /** {@code GET /api/v1/audit/chain-points}; empty when the chain has no entry there (404). */
    public java.util.Optional<ChainPoint> chainPoint(String chainId, long seq) {
        JsonNode body = get("/api/v1/audit/chain-points?chain="
                + URLEncoder.encode(chainId, StandardCharsets.UTF_8) + "&seq=" + seq, true);
        return body == null ? java.util.Optional.empty() : java.util.Optional.of(
                new ChainPoint(body.path("entryHash").asText(), body.path("balanceDigest").asText()));
    }

    /** {@code GET /api/v1/audit/verify}: the ledger's own verdict on its chains and anchors. */
    public JsonNode verify() {
        return get("/api/v1/audit/verify");
    }

    private JsonNode get(String path) {
        return get(path, false);
    }

    /** GET as the auditor; with {@code missingOk}, a 404 answers null. */
    private JsonNode get(String path, boolean missingOk) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LedgerApiException("cannot reach the ledger at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerApiException("interrupted while calling " + base + path, e);
        }
        int status = response.statusCode();
        if (status == 404 && missingOk) {
            return null;
        }
        if (status != 200) {
            String hint = status == 401 || status == 403
                    ? " (the ledger wants an auditor's credentials: TOLLGATE_AUDIT_USER and"
                    + " TOLLGATE_AUDIT_PASSWORD, or TOLLGATE_AUDIT_TOKEN)" : "";
            throw new LedgerApiException("GET " + path + " answered " + status + hint + ": "
                    + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LedgerApiException("GET " + path + " answered no JSON: "
                    + abbreviate(response.body()), e);
        }
    }

    private static long minor(String decimal, String currency) {
        try {
            return Money.of(new java.math.BigDecimal(decimal), currency).minorUnits();
        } catch (RuntimeException e) {
            throw new LedgerApiException("the ledger answered an amount that is no " + currency
                    + " amount: " + decimal + " (" + e.getMessage() + ")", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    /** A page's items: {@code items} in the shared envelope, {@code entries} from a ledger before it. */
    private static JsonNode items(JsonNode page) {
        return page.has("items") ? page.path("items") : page.path("entries");
    }
}
