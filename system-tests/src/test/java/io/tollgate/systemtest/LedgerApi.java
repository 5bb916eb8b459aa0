package io.tollgate.systemtest;

import io.tollgate.contracts.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ledger-service's public API as an auditor calls it. */
final class LedgerApi {

    private final Http auditor;
    private final Http operator;

    LedgerApi(TollgateStack stack) {
        this.auditor = new Http(stack.credentials(), Roles.AUDITOR, stack.ledger().baseUrl());
        this.operator = new Http(stack.credentials(), Roles.OPERATOR, stack.ledger().baseUrl());
    }

    /** {@code GET /api/v1/balances?currency=}: accounts with debits, credits, balance; and the digest. */
    JsonNode balances(String currency) {
        return auditor.get("/api/v1/balances?currency=" + currency).expect(200).json();
    }

    JsonNode summary(String currency) {
        return auditor.get("/api/v1/summary?currency=" + currency).expect(200).json();
    }

    /** The posting lines of every journal entry of one order. */
    JsonNode orderEntries(String orderId) {
        return auditor.get("/api/v1/orders/" + orderId + "/entries").expect(200).json();
    }

    /** The kinds of the order's journal entries (one per entry, however many postings it has), in order. */
    List<String> entryKinds(String orderId) {
        Map<String, String> kinds = new LinkedHashMap<>();
        orderEntries(orderId).path("entries").forEach(line ->
            kinds.putIfAbsent(line.path("entryId").asText(), line.path("kind").asText()));
        return new ArrayList<>(kinds.values());
    }

    /** Credits minus debits of one account over the order's postings (what is still owed on it). */
    BigDecimal creditBalance(String orderId, String account) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : orderEntries(orderId).path("entries")) {
            if (line.path("account").asText().equals(account)) {
                BigDecimal amount = ExpectedLedger.decimal(line, "amount");
                sum = "credit".equals(line.path("side").asText()) ? sum.add(amount) : sum.subtract(amount);
            }
        }
        return sum;
    }

    /** {@code GET /api/v1/audit/verify}: recomputes every hash chain. */
    JsonNode verify() {
        return auditor.get("/api/v1/audit/verify").expect(200).json();
    }

    /**
     * {@code POST /api/v1/rebuild} as the operator (the read-only auditor may not start one): a job
     * that replays both topics into a shadow generation and swaps it in; answers 202 and its URL.
     */
    Http.Reply startRebuild() {
        return operator.post("/api/v1/rebuild", null);
    }

    /** {@code GET} of a rebuild job, as the auditor reads it. */
    JsonNode rebuildJob(String location) {
        return auditor.get(java.net.URI.create(location).getRawPath()).expect(200).json();
    }
}
